package org.intstream.engine.probe;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.intstream.query.type.IpAddress;

/**
 * Round-trip time by TCP connect: from sending the SYN to the kernel taking the SYN-ACK (connect returns), so
 * one handshake round trip plus the local system calls. A RST (closed port) is timed too: the host answered.
 * The connection is closed at once with a RST of our own (linger 0), so no TIME_WAIT piles up and the server
 * sees a connection and its reset, as from a port scanner's connect.
 *
 * <p>A SYN the network drops is retransmitted by the kernel after a second: a timeout shorter than that
 * reports it lost rather than timing the retransmission.
 */
public final class TcpConnectProber implements Prober {
    private final int sourcePort;

    /**
     * @param sourcePort a fixed local port for every probe, so a capture filter can leave the probes out (the
     *     agent's own traffic); 0 for the kernel's choice
     */
    public TcpConnectProber(int sourcePort) {
        this.sourcePort = sourcePort;
    }

    @Override
    public ProbeResult probe(ProbeTask task) {
        InetAddress address;
        try {
            address = InetAddress.getByName(task.host());
        } catch (UnknownHostException e) {
            return ProbeResult.lost(null, "unknown host '" + task.host() + "'");
        }
        IpAddress target = IpAddress.parse(address.getHostAddress().split("%")[0]);
        int timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, task.timeoutMicros() / 1000));
        try (Socket socket = new Socket()) {
            socket.setSoLinger(true, 0);
            if (sourcePort != 0) {
                socket.setReuseAddress(true);
                try {
                    socket.bind(new InetSocketAddress(sourcePort));
                } catch (IOException e) {
                    // Another probe to the same target holds the port: this one goes from an ephemeral port.
                    return probeFromEphemeral(address, target, task, timeoutMillis);
                }
            }
            return connect(socket, address, target, task, timeoutMillis);
        } catch (BindException e) {
            // The four-tuple is taken: another probe of this target left the fixed port at the same instant
            // (probes are aligned to their interval; two queries, or two agents on one host). This one goes from
            // an ephemeral port.
            try {
                return probeFromEphemeral(address, target, task, timeoutMillis);
            } catch (IOException again) {
                return ProbeResult.lost(target, "socket: " + again.getMessage());
            }
        } catch (IOException e) {
            return ProbeResult.lost(target, "socket: " + e.getMessage());
        }
    }

    private static ProbeResult probeFromEphemeral(InetAddress address, IpAddress target, ProbeTask task,
            int timeoutMillis) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setSoLinger(true, 0);
            return connect(socket, address, target, task, timeoutMillis);
        }
    }

    /** @throws BindException when the local address can't be used for this connection */
    private static ProbeResult connect(Socket socket, InetAddress address, IpAddress target, ProbeTask task,
            int timeoutMillis) throws BindException {
        long start = System.nanoTime();
        try {
            socket.connect(new InetSocketAddress(address, task.port()), timeoutMillis);
            return ProbeResult.rtt(target, (System.nanoTime() - start) / 1000);
        } catch (BindException e) {
            throw e;
        } catch (SocketTimeoutException e) {
            return ProbeResult.lost(target, "timeout after " + timeoutMillis + " ms");
        } catch (ConnectException e) {
            long rtt = (System.nanoTime() - start) / 1000;
            String m = String.valueOf(e.getMessage());
            if (m.contains("refused")) {
                return ProbeResult.rttWithError(target, rtt, "refused");
            }
            return ProbeResult.lost(target, m.contains("timed out") ? "timeout" : "unreachable: " + m);
        } catch (NoRouteToHostException e) {
            return ProbeResult.lost(target, "unreachable: " + e.getMessage());
        } catch (IOException e) {
            return ProbeResult.lost(target, e.getMessage());
        }
    }
}
