package org.intstream.tests.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.intstream.controller.dataplane.ClockCalibration;
import org.intstream.controller.dataplane.SwitchRuntime;
import org.intstream.controller.merge.MergedWindow;
import org.intstream.controller.runtime.ControllerSettings;
import org.intstream.p4runtime.testswitch.Bmv2Switch;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.partition.SwitchStageExtractor;
import org.intstream.query.switchgen.EpochClock;
import org.intstream.query.switchgen.IntStreamP4;
import org.intstream.softswitch.Softswitch;
import org.intstream.standalone.cli.SwitchOptions;
import org.intstream.standalone.run.QueryLoader;
import org.intstream.standalone.server.ControllerServer;
import org.intstream.standalone.server.P4SwitchLink;
import org.intstream.standalone.server.SwitchSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code --switch-clock NAME=calibrate}: the controller measures a switch's clock with probe packets when it
 * connects, on the soft switch (whose clock for packet-outs is the wall clock, in milliseconds) and on real
 * BMv2 (whose clock counts from its start; skipped where {@code simple_switch_grpc} is not installed). Then:
 * the measured skew bound is small (at most {@link #MAX_SKEW_MICROS}, on loopback), an offset deliberately
 * written 3.7 s wrong is measured and corrected by the next calibration, and frames the test sends through the
 * switch (packet-outs through the tables) in the middle of known wall-clock windows are published in exactly
 * those windows, with the calibration's note. {@code GET /switches} shows the measurement. A restarted BMv2
 * is calibrated again without being asked.
 */
class SwitchClockCalibrationTest {
    /** Half the best of 16 round trips over loopback gRPC; far below the 300 ms the windows' frames leave. */
    private static final long MAX_SKEW_MICROS = 20_000;
    private static final long WRONG_BY_MICROS = 3_700_000;
    private static final long WINDOW = 1_000_000;
    /** Frames go in between these times into their window (wall clock), far from either edge. */
    private static final long SEND_FROM = 350_000;
    private static final long SEND_UNTIL = 650_000;
    private static final String QUERY = "query calibrated_count(threshold = 2, window = 1s)\n"
            + "  packets\n"
            + "  | filter ip.proto == 17\n"
            + "  | window tumbling window\n"
            + "  | reduce count() as n by ip.src as src\n"
            + "  | filter n > threshold\n";

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void softSwitch() throws Exception {
        Softswitch.Options o = new Softswitch.Options();
        o.grpcPort = 0;
        o.cpuPort = 255;
        o.deviceId = 1;
        Softswitch sw = Softswitch.start(o);
        toClose.add(sw::close);
        long before = System.currentTimeMillis() * 1000;
        // Its clock is Unix time modulo 2^48, in whole milliseconds (so it lags by up to 1 ms).
        long unixMultiple = EpochClock.offsetForUnixTimestamps(before);
        // With an edge port: the probes enter from the CPU port, yet the probe slot reports them.
        calibratedWindowsLineUp("127.0.0.1:" + sw.grpcPort(), true, unixMultiple - 1_000, unixMultiple + 1_000);
    }

    @Test
    void bmv2() throws Exception {
        assumeTrue(Bmv2Switch.isInstalled(), "BMv2 simple_switch_grpc is not installed at " + Bmv2Switch.BINARY);
        Bmv2Switch sw = new Bmv2Switch("calibration-s1", 1);
        long before = System.currentTimeMillis() * 1000;
        sw.start();
        toClose.add(sw::stop);
        // BMv2's clock counts from a moment of its start (or of the pipeline's push, which comes with connecting);
        // the offset is that moment's Unix time.
        calibratedWindowsLineUp(sw.target(), false, before, Long.MAX_VALUE);
    }

    /** Every slot holds a query: no calibration can run; it says why, and the offset in force stays. */
    @Test
    void withoutAFreeSlotCalibrationFailsAndSaysWhy() throws Exception {
        Softswitch.Options o = new Softswitch.Options();
        o.grpcPort = 0;
        Softswitch sw = Softswitch.start(o);
        toClose.add(sw::close);
        SwitchOptions options = new SwitchOptions();
        new CommandLine(options).parseArgs("--switch", "s1=127.0.0.1:" + sw.grpcPort() + "@1", "--switch-clock",
                "s1=calibrate");
        P4SwitchLink link = P4SwitchLink.connect(options.specs().get(0), System.currentTimeMillis(), (n, p) -> { });
        toClose.add(link);
        ClockCalibration first = link.clock().calibration();
        SwitchStage stage = SwitchStageExtractor.extract(QueryLoader.shipped("tcp_new_conn"), Map.of());
        for (int i = 0; i < IntStreamP4.SLOTS; i++) {
            link.install(new SwitchStage("q" + i, stage.filter(), stage.key(), stage.distinct(), stage.operation(),
                    stage.threshold(), stage.windowMicros(), stage.width(), stage.candidate(), stage.keyColumns()));
        }
        assertThatThrownBy(link::calibrate).hasMessage("switch s1: clock calibration failed: switch s1 has no free "
                + "query slot for #clock-probe: all 4 hold [q0, q1, q2, q3]");
        assertThat(link.clock().problem()).isEqualTo("switch s1: clock calibration failed: switch s1 has no free "
                + "query slot for #clock-probe: all 4 hold [q0, q1, q2, q3]");
        assertThat(link.clock().calibration()).isSameAs(first);
        assertThat(link.clockOffset()).isEqualTo(first.offsetMicros());

        // A slot freed: the next calibration runs and clears the problem.
        link.remove("q3");
        assertThat(link.calibrate().probesAnswered()).isPositive();
        assertThat(link.clock().problem()).isNull();
    }

    /**
     * A BMv2 restarted (its clock with it): the driver reconnects, pushes the pipeline again and writes back
     * the old offset, and the link calibrates again on its own; the new offset is the new start's time.
     */
    @Test
    void bmv2RestartedIsCalibratedAgain() throws Exception {
        assumeTrue(Bmv2Switch.isInstalled(), "BMv2 simple_switch_grpc is not installed at " + Bmv2Switch.BINARY);
        Bmv2Switch sw = new Bmv2Switch("calibration-restart-s1", 1);
        sw.start();
        toClose.add(sw::stop);
        SwitchOptions options = new SwitchOptions();
        new CommandLine(options).parseArgs("--switch", "s1=" + sw.target() + "@1", "--switch-clock", "s1=calibrate");
        P4SwitchLink link = P4SwitchLink.connect(options.specs().get(0), System.currentTimeMillis(), (n, p) -> { });
        toClose.add(link);
        ClockCalibration first = link.clock().calibration();
        assertThat(first).isNotNull();

        sw.stop();
        Thread.sleep(1_000);
        long restarted = System.currentTimeMillis() * 1000;
        sw.start();
        NetworkWideThresholdTest.await("calibrated again", () -> link.clock().calibration() != first);
        long calibrated = System.currentTimeMillis() * 1000;
        ClockCalibration again = link.clock().calibration();
        assertThat(link.clock().problem()).isNull();
        assertThat(again.skewBoundMicros()).isLessThanOrEqualTo(MAX_SKEW_MICROS);
        assertThat(again.offsetMicros()).isBetween(restarted - again.skewBoundMicros() - 1_000,
                calibrated + again.skewBoundMicros());
        assertThat(again.correctionMicros()).as("the old offset, written back, was the old start's")
                .isEqualTo(again.offsetMicros() - first.offsetMicros()).isGreaterThan(1_000_000 - 2 * MAX_SKEW_MICROS);
        assertThat(link.clockOffset()).isEqualTo(again.offsetMicros());
    }

    /**
     * Connects to the switch with {@code calibrate} (and edge port 1, where the test's frames enter), checks the measured offset lies in
     * [{@code lowest}, {@code highest}] (give or take the skew bound; {@code Long.MAX_VALUE}: up to the end of
     * connecting), corrects a wrong offset, and checks two windows' frames.
     */
    private void calibratedWindowsLineUp(String target, boolean edgePort, long lowest, long highest)
            throws Exception {
        ControllerServer server = ControllerServer.start(ControllerSettings.defaults().withGraceMillis(60_000),
                InetAddress.getLoopbackAddress(), 0, InetAddress.getLoopbackAddress(), 0, 50, log::add);
        toClose.add(server);
        SwitchOptions options = new SwitchOptions();
        List<String> args = new ArrayList<>(List.of("--switch", "s1=" + target + "@1", "--switch-clock",
                "s1=calibrate"));
        if (edgePort) {
            args.addAll(List.of("--switch-edge", "s1=1"));
        }
        new CommandLine(options).parseArgs(args.toArray(new String[0]));
        SwitchSpec spec = options.specs().get(0);
        assertThat(spec.clock()).isEqualTo(SwitchSpec.ClockMode.CALIBRATE);

        P4SwitchLink link = P4SwitchLink.connect(spec, System.currentTimeMillis(), server.core()::onSwitchReport);
        toClose.add(link);
        long connected = System.currentTimeMillis() * 1000;
        ClockCalibration first = link.clock().calibration();
        assertThat(first).as("calibrated when it connected").isNotNull();
        assertThat(first.probesSent()).isEqualTo(16);
        assertThat(first.probesAnswered()).isGreaterThanOrEqualTo(12);
        assertThat(first.skewBoundMicros()).isLessThanOrEqualTo(MAX_SKEW_MICROS);
        assertThat(link.clockOffset()).isEqualTo(first.offsetMicros());
        long slack = first.skewBoundMicros() + 1_000;
        assertThat(first.offsetMicros()).isBetween(lowest - slack,
                (highest == Long.MAX_VALUE ? connected : highest) + slack);

        // An offset 3.7 s too small: the switch's clock runs 3.7 s behind; the next calibration says by how much.
        long right = link.clockOffset();
        link.setClockOffset(right - WRONG_BY_MICROS);
        ClockCalibration again = link.calibrate();
        assertThat(again.correctionMicros()).isCloseTo(WRONG_BY_MICROS,
                within(first.skewBoundMicros() + again.skewBoundMicros() + 1_000));
        assertThat(again.offsetMicros()).isCloseTo(right, within(first.skewBoundMicros() + again.skewBoundMicros()
                + 1_000));
        assertThat(link.clockOffset()).isEqualTo(again.offsetMicros());

        SwitchRuntime runtime = server.core().addSwitch(link, link.clock(), 300);
        server.core().queries().submit(QUERY, Map.of(), true);
        assertThat(runtime.queries()).containsEntry("calibrated_count", "slot 0");

        // Two windows after the install: 4 frames from 10.0.0.1 in the first, 6 from 10.0.0.2 in the second.
        long firstWindow = Math.floorDiv(System.currentTimeMillis() * 1000, WINDOW) + 1;
        int[] sources = {0x0A000001, 0x0A000002};
        int[] frames = {4, 6};
        for (int w = 0; w < 2; w++) {
            long start = (firstWindow + w) * WINDOW;
            sleepUntilMicros(start + SEND_FROM);
            for (int i = 0; i < frames[w]; i++) {
                link.inject(udpFrame(sources[w], i), 1);
            }
            long sentBy = System.currentTimeMillis() * 1000;
            assertThat(sentBy).as("window %d's frames sent in its middle", w).isLessThan(start + SEND_UNTIL);
        }
        NetworkWideThresholdTest.await("both windows published", () -> {
            server.core().tick();
            return server.core().results().windows("calibrated_count").stream()
                    .anyMatch(x -> x.start() == (firstWindow + 1) * WINDOW);
        });
        Map<Long, Map<String, Long>> published = new java.util.TreeMap<>();
        for (MergedWindow mw : server.core().results().windows("calibrated_count")) {
            assertThat(mw.notes()).contains(again.note("s1"));
            for (Object[] row : mw.rows()) {
                published.computeIfAbsent(mw.start(), k -> new java.util.TreeMap<>()).put(row[0].toString(),
                        (Long) row[1]);
            }
        }
        assertThat(published).as("each window's frames reported in that window").isEqualTo(Map.of(
                firstWindow * WINDOW, Map.of("10.0.0.1", 4L),
                (firstWindow + 1) * WINDOW, Map.of("10.0.0.2", 6L)));
        assertThat(runtime.lateKeys()).isZero();
        assertThat(runtime.malformedReports()).isZero();
        assertThat(runtime.lastError()).isNull();

        JsonNode s1 = new ObjectMapper().readTree(get("http://127.0.0.1:" + server.httpPort() + "/switches")).get(0);
        assertThat(s1.get("name").asText()).isEqualTo("s1");
        assertThat(s1.get("clock").get("skew_bound_us").asLong()).isEqualTo(again.skewBoundMicros());
        assertThat(s1.get("clock").get("offset_us").asLong()).isEqualTo(again.offsetMicros());
        assertThat(s1.get("clock").get("correction_us").asLong()).isEqualTo(again.correctionMicros());
        assertThat(s1.get("clock").get("probes_answered").asInt()).isEqualTo(again.probesAnswered());
        assertThat(s1.has("clock_error")).isFalse();
        assertThat(get("http://127.0.0.1:" + server.httpPort() + "/metrics"))
                .contains("intstream_switch_clock_skew_bound_us{switch=\"s1\"} " + again.skewBoundMicros() + "\n");
    }

    /** Ethernet to an address no forwarding entry holds (dropped after the slots), IPv4, UDP 5000 → 53. */
    private static byte[] udpFrame(int src, int n) {
        byte[] f = new byte[14 + 20 + 8];
        f[0] = 0x02;
        f[5] = 0x01;
        f[6] = 0x02;
        f[11] = 0x02;
        f[12] = 0x08;
        f[14] = 0x45;
        f[17] = 28;
        f[19] = (byte) n;
        f[22] = 64;
        f[23] = 17;
        for (int i = 0; i < 4; i++) {
            f[26 + i] = (byte) (src >>> (24 - 8 * i));
        }
        f[30] = 10;
        f[33] = 1;
        f[34] = 0x13;
        f[35] = (byte) 0x88;
        f[37] = 53;
        f[39] = 8;
        return f;
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return r.body();
    }

    private static void sleepUntilMicros(long unixMicros) throws InterruptedException {
        long ms = unixMicros / 1000 - System.currentTimeMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }
}
