package org.intstream.standalone.demo;

import org.intstream.agent.stream.HostAddresses;
import org.intstream.engine.packet.Packet;
import org.intstream.engine.packet.PacketDecoder;
import org.intstream.engine.source.RawFrame;
import org.intstream.query.type.IpAddress;

/**
 * The embedded network of the demo: a trace's addresses shared among a few hosts (an address belongs to
 * host {@code last byte mod hosts}), each host on its own port of one switch. A frame enters the switch at
 * its sender's port; frames without an IP source are host 0's.
 */
public final class DemoNetwork {
    private final int hosts;
    private final PacketDecoder decoder = new PacketDecoder();
    private final Packet packet = new Packet();

    public DemoNetwork(int hosts) {
        if (hosts < 1 || hosts > 64) {
            throw new IllegalArgumentException("the demo network has 1 to 64 hosts, not " + hosts);
        }
        this.hosts = hosts;
    }

    public int hosts() {
        return hosts;
    }

    /** The host an address belongs to. */
    public int hostOf(IpAddress a) {
        return Math.floorMod((int) (a.isV4() ? a.v4Bits() & 0xff : a.lo() & 0xff), hosts);
    }

    /** The switch port of host {@code i} (ports count from 1). */
    public static int portOf(int host) {
        return host + 1;
    }

    /** The host that sent the frame. */
    public int senderOf(RawFrame f) {
        decoder.decode(f, packet);
        if (!packet.has(Packet.IP_SRC)) {
            return 0;
        }
        return hostOf(packet.ipVersion == 4 ? IpAddress.v4(packet.ip4Src)
                : IpAddress.v6(packet.ip6SrcHi, packet.ip6SrcLo));
    }

    /** Host {@code i}'s addresses, as its agent is told them; it also observes frames without addresses if 0. */
    public HostAddresses host(int i) {
        if (i < 0 || i >= hosts) {
            throw new IllegalArgumentException("no host " + i + " among " + hosts);
        }
        return new HostAddresses() {
            @Override
            public boolean contains(IpAddress address) {
                return hostOf(address) == i;
            }

            @Override
            public boolean observesUnaddressed() {
                return i == 0;
            }

            @Override
            public String toString() {
                return "addresses ending in " + i + " mod " + hosts;
            }
        };
    }
}
