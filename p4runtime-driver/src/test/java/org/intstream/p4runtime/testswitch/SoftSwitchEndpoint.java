package org.intstream.p4runtime.testswitch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.intstream.softswitch.Softswitch;

/**
 * The project's soft switch in this JVM, serving P4Runtime on loopback with no pipeline: each start is a
 * fresh switch (no pipeline, no state) on the same port, as a rebooted device.
 */
public final class SoftSwitchEndpoint implements SwitchEndpoint {
    private static final int CPU_PORT = 255;

    private final long deviceId;
    private final int grpcPort = freeLoopbackPort();
    private Softswitch sw;
    private long origin;

    public SoftSwitchEndpoint(long deviceId) {
        this.deviceId = deviceId;
    }

    @Override
    public synchronized void start() throws IOException {
        if (sw != null) {
            throw new IllegalStateException("the soft switch on port " + grpcPort + " is already running");
        }
        Softswitch.Options o = new Softswitch.Options();
        o.deviceId = deviceId;
        o.cpuPort = CPU_PORT;
        o.grpcPort = grpcPort;
        // Before its first data-plane packet the soft switch's clock is the wall clock, kept modulo 2^48;
        // a second of margin keeps "now + offset" positive.
        origin = (System.currentTimeMillis() * 1000 - 1_000_000) & ((1L << 48) - 1);
        sw = Softswitch.start(o);
    }

    @Override
    public synchronized void stop() {
        if (sw != null) {
            try {
                sw.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sw = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return sw != null;
    }

    @Override
    public long clockOriginMicros() {
        return origin;
    }

    @Override
    public String target() {
        return "127.0.0.1:" + grpcPort;
    }

    @Override
    public long deviceId() {
        return deviceId;
    }

    @Override
    public int cpuPort() {
        return CPU_PORT;
    }

    @Override
    public String logTail() {
        return "(the soft switch runs in the test's JVM)";
    }

    private static int freeLoopbackPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
