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
    public IpAddress client;
    public int clientPort;
    public IpAddress server;
    public int serverPort;

    public void clear() {
        tcp = false;
        retransmission = false;
        hasAckRtt = false;
        hasKarnRtt = false;
        handshake = false;
        hasRoles = false;
    }
}
