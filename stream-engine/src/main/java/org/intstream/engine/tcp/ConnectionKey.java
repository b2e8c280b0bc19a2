package org.intstream.engine.tcp;

import org.intstream.engine.packet.Packet;

/**
 * A TCP connection's identity whatever the direction: its two endpoints (address, port) in a fixed order,
 * side A being the smaller. Mutable so one instance can probe the table without allocating.
 */
class ConnectionKey {
    private long aHi;
    private long aLo;
    private long bHi;
    private long bLo;
    private int aPort;
    private int bPort;
    private int hash;

    void set(Packet p) {
        long sHi;
        long sLo;
        long dHi;
        long dLo;
        if (p.ipVersion == 4) {
            sHi = 0;
            sLo = p.ip4Src & 0xFFFFFFFFL;
            dHi = 0;
            dLo = p.ip4Dst & 0xFFFFFFFFL;
        } else {
            sHi = p.ip6SrcHi;
            sLo = p.ip6SrcLo;
            dHi = p.ip6DstHi;
            dLo = p.ip6DstLo;
        }
        if (compare(sHi, sLo, p.sport, dHi, dLo, p.dport) <= 0) {
            assign(sHi, sLo, p.sport, dHi, dLo, p.dport);
        } else {
            assign(dHi, dLo, p.dport, sHi, sLo, p.sport);
        }
    }

    private void assign(long ah, long al, int ap, long bh, long bl, int bp) {
        aHi = ah;
        aLo = al;
        aPort = ap;
        bHi = bh;
        bLo = bl;
        bPort = bp;
        long h = ah * 31 + al;
        h = h * 31 + bh;
        h = h * 31 + bl;
        h = h * 31 + ((long) ap << 16 | bp);
        h ^= h >>> 29;
        h *= 0x9E3779B97F4A7C15L;
        hash = (int) (h ^ (h >>> 32));
    }

    private static int compare(long h1, long l1, int p1, long h2, long l2, int p2) {
        int c = Long.compareUnsigned(h1, h2);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(l1, l2);
        return c != 0 ? c : Integer.compare(p1, p2);
    }

    long aHi() {
        return aHi;
    }

    long aLo() {
        return aLo;
    }

    int aPort() {
        return aPort;
    }

    long bHi() {
        return bHi;
    }

    long bLo() {
        return bLo;
    }

    int bPort() {
        return bPort;
    }

    /** True when the packet was sent by side A. */
    boolean isSideA(Packet p) {
        if (p.ipVersion == 4) {
            return aHi == 0 && (p.ip4Src & 0xFFFFFFFFL) == aLo && p.sport == aPort;
        }
        return p.ip6SrcHi == aHi && p.ip6SrcLo == aLo && p.sport == aPort;
    }

    @Override
    public final boolean equals(Object o) {
        if (!(o instanceof ConnectionKey)) {
            return false;
        }
        ConnectionKey k = (ConnectionKey) o;
        return k.aHi == aHi && k.aLo == aLo && k.bHi == bHi && k.bLo == bLo && k.aPort == aPort && k.bPort == bPort;
    }

    @Override
    public final int hashCode() {
        return hash;
    }
}
