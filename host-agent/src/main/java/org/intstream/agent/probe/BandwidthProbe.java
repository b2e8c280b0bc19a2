package org.intstream.agent.probe;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Measures the available bandwidth from this host to another agent by sending it a bounded TCP transfer
 * (see {@link ProbeWire}); the receiving agent times it. One probe at a time per agent, so two probes don't
 * share, and halve, the path.
 */
public final class BandwidthProbe {
    private static final int CONNECT_TIMEOUT_MILLIS = 3000;
    /** How long the receiver may take to answer once the data is sent. */
    private static final int REPLY_TIMEOUT_MILLIS = 5000;

    private final int peerPort;
    private final ProbeLimits limits;
    private final ReentrantLock running = new ReentrantLock();

    /** @param peerPort the port of the other agents' probe listeners */
    public BandwidthProbe(int peerPort, ProbeLimits limits) {
        this.peerPort = peerPort;
        this.limits = java.util.Objects.requireNonNull(limits, "limits can't be null");
    }

    public int peerPort() {
        return peerPort;
    }

    /**
     * Sends a probe from the local address {@code src} to the agent at {@code dst} and returns what the
     * receiver measured. Waits for a probe already running, for as long as a probe may take.
     *
     * @throws ProbeException when the peer cannot be reached, refuses, or does not answer in time
     */
    public BandwidthMeasurement measure(InetAddress src, InetAddress dst) throws ProbeException {
        boolean locked;
        try {
            locked = running.tryLock(limits.maxMillis() + CONNECT_TIMEOUT_MILLIS + REPLY_TIMEOUT_MILLIS,
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeException("interrupted while waiting for another bandwidth probe", e);
        }
        if (!locked) {
            throw new ProbeException("another bandwidth probe is still running on this agent", true);
        }
        try {
            return send(src, dst);
        } finally {
            running.unlock();
        }
    }

    private BandwidthMeasurement send(InetAddress src, InetAddress dst) throws ProbeException {
        String peer = dst.getHostAddress() + ":" + peerPort;
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(src, 0));
            try {
                socket.connect(new InetSocketAddress(dst, peerPort), CONNECT_TIMEOUT_MILLIS);
            } catch (IOException e) {
                throw new ProbeException("cannot reach the probe listener of the agent at " + peer
                        + " from " + src.getHostAddress() + ": " + e.getMessage(), e);
            }
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            out.write(ProbeWire.MAGIC);
            byte[] chunk = new byte[ProbeWire.CHUNK];
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.maxMillis());
            long sent = 0;
            try {
                while (sent < limits.maxBytes() && System.nanoTime() < deadline) {
                    int n = (int) Math.min(chunk.length, limits.maxBytes() - sent);
                    out.write(chunk, 0, n);
                    sent += n;
                }
                out.flush();
                socket.shutdownOutput();
            } catch (IOException e) {
                throw new ProbeException("the agent at " + peer + " ended the probe after " + sent + " bytes: "
                        + e.getMessage(), e);
            }
            socket.setSoTimeout(REPLY_TIMEOUT_MILLIS);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            long bytes;
            long nanos;
            try {
                bytes = in.readLong();
                nanos = in.readLong();
            } catch (SocketTimeoutException e) {
                throw new ProbeException("the agent at " + peer + " did not report the probe within "
                        + REPLY_TIMEOUT_MILLIS + " ms", e);
            } catch (EOFException e) {
                throw new ProbeException("the agent at " + peer + " closed the probe without reporting it "
                        + "(is that port its probe listener, and is this host on its allow-list?)", e);
            }
            if (bytes != sent) {
                throw new ProbeException("the agent at " + peer + " received " + bytes + " of the " + sent
                        + " bytes sent", false);
            }
            return new BandwidthMeasurement(bytes, nanos);
        } catch (ProbeException e) {
            throw e;
        } catch (IOException e) {
            throw new ProbeException("bandwidth probe to " + peer + " failed: " + e.getMessage(), e);
        }
    }
}
