package org.intstream.engine.tcp;

import org.intstream.query.type.IpAddress;

/**
 * What the TCP connection analysis found out about the current packet: the derived fields
 * {@code tcp.analysis.*} and {@code tcp.conn.*}. Reused for every packet; only valid for the packet just
 * analysed, and only for TCP packets ({@link #tcp} false otherwise).
 */
public final class TcpFacts {
    /** Memo words per connection and direction. */
    public static final int MEMO_WORDS = 6;

    /** True when the packet was a TCP segment with ports and flags (the analysis ran). */
    public boolean tcp;
    public boolean retransmission;
    /** True when {@link #ackRttMicros} holds an RTT sample. */
    public boolean hasAckRtt;
    public long ackRttMicros;
    /** True when the ACK's RTT sample also obeys Karn's rule (the timed segment was never retransmitted). */
    public boolean hasKarnRtt;
    public boolean handshake;
    /** True when the connection's roles are known (client, server). */
    public boolean hasRoles;
    /** The client's and server's addresses: IPv4 bits in {@code lo} when {@code v4}, else IPv6 hi/lo. */
    public boolean clientV4;
    public long clientHi;
    public long clientLo;
    public int clientPort;
    public boolean serverV4;
    public long serverHi;
    public long serverLo;
    public int serverPort;

    /** The current packet's connection row and the offset of its direction's memo words; null without one. */
    private long[] memoRow;
    private int memoBase;

    /** Points the memo words at a connection row's words for the current packet's direction. */
    void memoize(long[] row, int base) {
        memoRow = row;
        memoBase = base;
    }

    /** True when the packet belongs to a tracked connection, so {@link #memo} and {@link #remember} work. */
    public boolean hasMemo() {
        return memoRow != null;
    }

    /**
     * Word {@code w} of the memo kept with the packet's connection and direction (0 until written; zeroed
     * again when the connection's row starts over or its client and server change). A key table whose key is
     * a function of the connection and direction stores its id for the key there, stamped with its window, and
     * finds it on the next packet without probing its own table.
     */
    public long memo(int w) {
        return memoRow[memoBase + w];
    }

    public void remember(int w, long value) {
        memoRow[memoBase + w] = value;
    }

    public IpAddress client() {
        return clientV4 ? IpAddress.v4((int) clientLo) : IpAddress.v6(clientHi, clientLo);
    }

    public IpAddress server() {
        return serverV4 ? IpAddress.v4((int) serverLo) : IpAddress.v6(serverHi, serverLo);
    }

    public void clear() {
        tcp = false;
        retransmission = false;
        hasAckRtt = false;
        hasKarnRtt = false;
        handshake = false;
        hasRoles = false;
        memoRow = null;
    }
}
