package org.intstream.engine.tcp;

import org.intstream.query.type.IpAddress;

/**
 * What the TCP connection analysis found out about the current packet: the derived fields
 * {@code tcp.analysis.*} and {@code tcp.conn.*}. Reused for every packet; only valid for the packet just
 * analysed, and only for TCP packets ({@link #tcp} false otherwise).
 */
public final class TcpFacts {
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
    }
}
