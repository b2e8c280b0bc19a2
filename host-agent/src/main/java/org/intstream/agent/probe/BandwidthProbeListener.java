package org.intstream.agent.probe;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Receives other agents' bandwidth probes (see {@link ProbeWire}) on a port of its own, one probe at a
 * time, from allowed addresses only; times each and reports the result to the sender. A probe past twice
 * the limits, or silent for longer than the time limit, is cut off without a report.
 */
public final class BandwidthProbeListener implements AutoCloseable {
    private final ServerSocket server;
    private final Predicate<InetAddress> allowed;
    private final ProbeLimits limits;
    private final Consumer<String> log;
    private final Thread thread;
    private volatile boolean closed;

    /**
     * Binds {@code address:port} (port 0 picks a free one) and starts accepting.
     *
     * @throws IOException when the port cannot be bound; the message names it
     */
    public BandwidthProbeListener(InetAddress address, int port, Predicate<InetAddress> allowed, ProbeLimits limits,
            Consumer<String> log) throws IOException {
        this.allowed = allowed;
        this.limits = limits;
        this.log = log;
        this.server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(address, port), 8);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen for bandwidth probes on " + address.getHostAddress() + ":" + port
                    + ": " + e.getMessage(), e);
        }
        this.thread = new Thread(this::acceptLoop, "probe-listener-" + server.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try (Socket socket = server.accept()) {
                InetAddress peer = socket.getInetAddress();
                if (!allowed.test(peer)) {
                    log.accept("refused a bandwidth probe from " + peer.getHostAddress() + " (not on the allow-list)");
                    continue;
                }
                receive(socket);
            } catch (IOException e) {
                if (!closed) {
                    log.accept("bandwidth probe failed: " + e.getMessage());
                }
            }
        }
    }

    private void receive(Socket socket) throws IOException {
        String peer = socket.getInetAddress().getHostAddress();
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, limits.maxMillis()));
        InputStream in = socket.getInputStream();
        byte[] magic = in.readNBytes(ProbeWire.MAGIC.length);
        if (!Arrays.equals(magic, ProbeWire.MAGIC)) {
            log.accept("closed a connection from " + peer + " that is not a bandwidth probe");
            return;
        }
        byte[] buffer = new byte[ProbeWire.CHUNK];
        long byteLimit = 2 * limits.maxBytes();
        long timeLimit = TimeUnit.MILLISECONDS.toNanos(2 * limits.maxMillis());
        long bytes = 0;
        long first = 0;
        long last = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            last = System.nanoTime();
            if (bytes == 0) {
                first = last;
            }
            bytes += n;
            if (bytes > byteLimit || last - first > timeLimit) {
                log.accept("cut off a bandwidth probe from " + peer + " past " + bytes + " bytes and "
                        + (last - first) / 1_000_000 + " ms");
                return;
            }
        }
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeLong(bytes);
        out.writeLong(last - first);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        try {
            thread.join(TimeUnit.MILLISECONDS.toMillis(2 * limits.maxMillis() + 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the accept loop is still running (false once closed). */
    public boolean running() {
        return thread.isAlive() && !closed;
    }
}
