package org.intstream.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

/** Probes over loopback: bounded in bytes and time, refused peers, and connections that are not probes. */
class BandwidthProbeTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void aProbeSendsAtMostItsBytesAndTheReceiverTimesThem() throws Exception {
        ProbeLimits limits = new ProbeLimits(8 << 20, 5000);
        List<String> log = new CopyOnWriteArrayList<>();
        try (BandwidthProbeListener listener = new BandwidthProbeListener(LOOPBACK, 0, a -> true, limits, log::add)) {
            BandwidthMeasurement m = new BandwidthProbe(listener.port(), limits).measure(LOOPBACK, LOOPBACK);
            assertThat(m.bytes()).isEqualTo(8 << 20);
            assertThat(m.nanos()).isPositive();
            assertThat(m.megabytesPerSecond()).isEqualTo(m.bytes() * 1e3 / m.nanos());
        }
        assertThat(log).isEmpty();
    }

    @Test
    void aProbeStopsAtItsTimeLimit() throws Exception {
        ProbeLimits limits = new ProbeLimits(Long.MAX_VALUE / 4, 50);
        try (BandwidthProbeListener listener = new BandwidthProbeListener(LOOPBACK, 0, a -> true, limits, l -> { })) {
            long start = System.nanoTime();
            BandwidthMeasurement m = new BandwidthProbe(listener.port(), limits).measure(LOOPBACK, LOOPBACK);
            assertThat((System.nanoTime() - start) / 1e6).isLessThan(2000);
            assertThat(m.bytes()).isPositive().isLessThan(Long.MAX_VALUE / 4);
        }
    }

    @Test
    void aPeerOffTheAllowListGetsNoReportAndTheSenderSaysWhy() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        ProbeLimits limits = new ProbeLimits(1 << 20, 1000);
        try (BandwidthProbeListener listener = new BandwidthProbeListener(LOOPBACK, 0, a -> false, limits, log::add)) {
            assertThatThrownBy(() -> new BandwidthProbe(listener.port(), limits).measure(LOOPBACK, LOOPBACK))
                    .isInstanceOf(ProbeException.class).hasMessageContaining("127.0.0.1:" + listener.port());
        }
        assertThat(log).anyMatch(line -> line.startsWith("refused a bandwidth probe from 127.0.0.1"));
    }

    @Test
    void somethingElseOnTheProbePortIsClosedAndTheListenerCarriesOn() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        ProbeLimits limits = new ProbeLimits(1 << 20, 1000);
        try (BandwidthProbeListener listener = new BandwidthProbeListener(LOOPBACK, 0, a -> true, limits, log::add)) {
            try (Socket socket = new Socket(LOOPBACK, listener.port())) {
                OutputStream out = socket.getOutputStream();
                out.write("GET / HTTP/1.0\r\n\r\n".getBytes());
                socket.shutdownOutput();
                assertThat(socket.getInputStream().read()).isEqualTo(-1);
            }
            assertThat(new BandwidthProbe(listener.port(), limits).measure(LOOPBACK, LOOPBACK).bytes())
                    .isEqualTo(1 << 20);
        }
        assertThat(log).anyMatch(line -> line.contains("not a bandwidth probe"));
    }

    @Test
    void anUnreachablePeerIsNamed() throws Exception {
        int port;
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, LOOPBACK)) {
            port = closed.getLocalPort();
        }
        int unused = port;
        assertThatThrownBy(() -> new BandwidthProbe(unused, ProbeLimits.DEFAULTS).measure(LOOPBACK, LOOPBACK))
                .isInstanceOf(ProbeException.class)
                .hasMessageStartingWith("cannot reach the probe listener of the agent at 127.0.0.1:" + unused);
    }
}
