package org.intstream.agent.stream;

import java.util.Collection;
import java.util.Set;
import org.intstream.query.type.IpAddress;

/**
 * The addresses that are this host's, for a replayed trace where the frames don't say whether they were sent
 * or received: a packet from one of them is this host's outgoing traffic, a packet to one of them its
 * incoming traffic (see {@link ObservationRouter}). A live capture tags every frame with its direction and
 * needs none.
 */
public interface HostAddresses {
    /**
     * Every packet is this host's, both sent and received: the replayed trace is exactly what this agent
     * observes (the behaviour without {@code --host-address}).
     */
    HostAddresses EVERY = new HostAddresses() {
        @Override
        public boolean contains(IpAddress address) {
            return true;
        }

        @Override
        public boolean observesUnaddressed() {
            return true;
        }

        @Override
        public String toString() {
            return "every address";
        }
    };

    boolean contains(IpAddress address);

    /** Whether frames without an IP address (ARP, LLDP...) are this host's to observe. */
    default boolean observesUnaddressed() {
        return false;
    }

    /** Exactly these addresses; frames without an IP address are no one's. */
    static HostAddresses of(Collection<IpAddress> addresses) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("a host needs at least one address");
        }
        Set<IpAddress> own = Set.copyOf(addresses);
        return new HostAddresses() {
            @Override
            public boolean contains(IpAddress address) {
                return own.contains(address);
            }

            @Override
            public String toString() {
                return own.toString();
            }
        };
    }
}
