package org.intstream.onos.pipeconf;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.onosproject.net.PortNumber;
import org.onosproject.net.behaviour.DefaultNextGroup;
import org.onosproject.net.behaviour.NextGroup;

/**
 * What the pipeliner remembers of a next objective in ONOS's flow objective store: a single output port
 * (SIMPLE), or the multicast group and its ports (BROADCAST). Immutable; stored as bytes.
 */
final class NextGroupData {
    enum Kind { SIMPLE, BROADCAST }

    private final Kind kind;
    private final int multicastGroup;
    private final List<PortNumber> ports;

    private NextGroupData(Kind kind, int multicastGroup, List<PortNumber> ports) {
        this.kind = kind;
        this.multicastGroup = multicastGroup;
        this.ports = Collections.unmodifiableList(new ArrayList<>(ports));
    }

    static NextGroupData simple(PortNumber port) {
        return new NextGroupData(Kind.SIMPLE, 0, List.of(port));
    }

    static NextGroupData broadcast(int multicastGroup, List<PortNumber> ports) {
        return new NextGroupData(Kind.BROADCAST, multicastGroup, ports);
    }

    Kind kind() {
        return kind;
    }

    /** The multicast group id of a BROADCAST next. */
    int multicastGroup() {
        return multicastGroup;
    }

    List<PortNumber> ports() {
        return ports;
    }

    NextGroup toNextGroup() {
        ByteBuffer b = ByteBuffer.allocate(1 + 4 + 4 + 8 * ports.size());
        b.put((byte) kind.ordinal()).putInt(multicastGroup).putInt(ports.size());
        for (PortNumber p : ports) {
            b.putLong(p.toLong());
        }
        return new DefaultNextGroup(b.array());
    }

    /** @throws IllegalArgumentException when the bytes were not written by {@link #toNextGroup()} */
    static NextGroupData of(NextGroup group) {
        ByteBuffer b = ByteBuffer.wrap(group.data());
        try {
            int k = b.get();
            if (k < 0 || k >= Kind.values().length) {
                throw new IllegalArgumentException("next group kind " + k + " is not one of " + List.of(Kind.values()));
            }
            int gid = b.getInt();
            int n = b.getInt();
            List<PortNumber> ports = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ports.add(PortNumber.portNumber(b.getLong()));
            }
            return new NextGroupData(Kind.values()[k], gid, ports);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("next group of " + group.data().length
                    + " bytes was not written by this pipeliner", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NextGroupData)) {
            return false;
        }
        NextGroupData n = (NextGroupData) o;
        return kind == n.kind && multicastGroup == n.multicastGroup && ports.equals(n.ports);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, multicastGroup, ports);
    }

    @Override
    public String toString() {
        return kind == Kind.SIMPLE ? "output " + ports.get(0) : "multicast group " + multicastGroup + " " + ports;
    }
}
