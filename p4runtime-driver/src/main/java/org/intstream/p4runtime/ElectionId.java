package org.intstream.p4runtime;

import p4.v1.P4RuntimeOuterClass.Uint128;

/**
 * A client's 128-bit election id: among the clients of one device the highest is primary, the rest are
 * backups. Compared as unsigned (high, then low).
 */
public record ElectionId(long high, long low) implements Comparable<ElectionId> {

    public static ElectionId of(long low) {
        return new ElectionId(0, low);
    }

    static ElectionId fromProto(Uint128 value) {
        return new ElectionId(value.getHigh(), value.getLow());
    }

    Uint128 toProto() {
        return Uint128.newBuilder().setHigh(high).setLow(low).build();
    }

    @Override
    public int compareTo(ElectionId other) {
        int c = Long.compareUnsigned(high, other.high);
        return c != 0 ? c : Long.compareUnsigned(low, other.low);
    }

    @Override
    public String toString() {
        return high == 0 ? Long.toUnsignedString(low) : Long.toUnsignedString(high) + ":" + Long.toUnsignedString(low);
    }
}
