package org.intstream.tests.dataplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.intstream.query.switchgen.EpochClock;
import org.intstream.softswitch.Softswitch;

/**
 * The soft switch in this JVM with its P4Runtime server on loopback and no pipeline: the driver pushes
 * one, as it does to BMv2. Restarting it makes a new switch (empty tables, registers and counters) on the
 * same port, as a restarted BMv2 is.
 */
final class SoftTestSwitch implements TestSwitch {
    static final int CPU_PORT = 255;

    private final long deviceId;
    private final int grpcPort = freeLoopbackPort();
    private Softswitch sw;
    private long origin;

    SoftTestSwitch(long deviceId) {
        this.deviceId = deviceId;
    }

    @Override
    public void start() throws IOException {
        Softswitch.Options o = new Softswitch.Options();
        o.deviceId = deviceId;
        o.cpuPort = CPU_PORT;
        o.grpcPort = grpcPort;
        origin = EpochClock.switchNow(System.currentTimeMillis() * 1000 - 1_000_000, 0);
        sw = Softswitch.start(o);
    }

    @Override
    public void stop() {
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
    public String target() {
        return "127.0.0.1:" + grpcPort;
    }

    @Override
    public long deviceId() {
        return deviceId;
    }

    @Override
    public long clockOriginMicros() {
        // Before its first data-plane packet the soft switch's clock is the wall clock (its 48-bit
        // timestamp keeps it modulo 2^48); one second of margin keeps "now + offset" positive.
        return origin;
    }

    @Override
    public String logTail() {
        return "(the soft switch runs in the test's JVM; see the test output)";
    }

    private static int freeLoopbackPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
