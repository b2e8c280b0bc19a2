package org.intstream.tests.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.intstream.controller.dataplane.SwitchRuntime;
import org.intstream.controller.runtime.ControllerSettings;
import org.intstream.engine.source.RawFrame;
import org.intstream.engine.switchtwin.EpochSketch;
import org.intstream.engine.switchtwin.SketchEpochs;
import org.intstream.engine.switchtwin.SlotTwin;
import org.intstream.engine.switchtwin.SwitchTwin;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.partition.SwitchStageExtractor;
import org.intstream.query.switchgen.EpochClock;
import org.intstream.query.switchgen.SlotProgram;
import org.intstream.softswitch.Softswitch;
import org.intstream.standalone.cli.SwitchOptions;
import org.intstream.standalone.dataplane.SwitchProgrammer;
import org.intstream.standalone.run.QueryLoader;
import org.intstream.standalone.server.ControllerClient;
import org.intstream.standalone.server.ControllerServer;
import org.intstream.standalone.server.SwitchSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Three edge switches and a destination over the threshold only network-wide: found. Three soft switches in
 * this JVM, each the edge of its own hosts (port 1), run tcp_new_conn (more than T = 40 SYNs to a destination
 * in a 5 s window), installed by one controller given three {@code --switch} options. Each slot reports
 * destinations over {@code floor(40/3) = 13}; at each epoch's end the controller reads the three counters,
 * adds them cell by cell and publishes the candidates whose merged estimate is over 40.
 *
 * <p>The traffic ({@link NetworkWideTraffic}): a destination with 16 SYNs from each edge, one with
 * 14 + 14 + 13, one with 45 at a single switch, others at or under 40 even summed. Per window the controller
 * must publish exactly the destinations the exact engine finds over the union of the three switches' packets,
 * with the estimates the Java twins' counters give, never below the exact count and within the bound the
 * window's note states; every destination over 40 must have been a candidate ({@link NetworkWideExpectation}).
 *
 * <p>Each switch also receives, on a port that is not an edge port, the next switch's hosts' packets as if in
 * transit to their destinations: slots count only what enters at an edge port, so each packet is counted once.
 *
 * <p>Pacing as in {@link ControllerSwitchResultsTest}: an epoch's frames go in, the test waits for the reports,
 * then moves the switches' clock to the epoch's end and waits for the three reads.
 */
class NetworkWideThresholdTest {
    private static final int SWITCHES = NetworkWideTraffic.SWITCHES;
    private static final int EDGE_PORT = 1;
    /** Where each switch also receives the next switch's hosts' packets in transit: counted at their edge only. */
    private static final int TRANSIT_PORT = 2;
    private static final long T = NetworkWideExpectation.T;
    private static final long LOCAL = T / SWITCHES;
    private static final long WINDOW = 5_000_000;
    /** The first traffic epoch: windows aligned on 5 s multiples of Unix time (2026-11-23). */
    private static final long FIRST_EPOCH = 1_795_381_580_000_000L / WINDOW;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<Softswitch> switches = new ArrayList<>();
    private ControllerServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        for (Softswitch sw : switches) {
            sw.close();
        }
    }

    @Test
    void destinationsOverTheThresholdOnlyNetworkWideAreFound(@TempDir Path dir) throws Exception {
        NetworkWideTraffic traffic = new NetworkWideTraffic(FIRST_EPOCH, WINDOW);
        long offset = EpochClock.offsetForUnixTimestamps(FIRST_EPOCH * WINDOW);
        List<String> args = new ArrayList<>();
        for (int i = 0; i < SWITCHES; i++) {
            Softswitch.Options o = new Softswitch.Options();
            o.grpcPort = 0;
            switches.add(Softswitch.start(o));
            String name = "s" + (i + 1);
            args.addAll(List.of("--switch", name + "=127.0.0.1:" + switches.get(i).grpcPort() + "@1",
                    "--switch-edge", name + "=" + EDGE_PORT, "--switch-clock", name + "=offset:" + offset));
        }
        SwitchOptions options = new SwitchOptions();
        new CommandLine(options).parseArgs(args.toArray(new String[0]));
        server = ControllerServer.start(ControllerSettings.defaults().withGraceMillis(60_000),
                InetAddress.getLoopbackAddress(), 0, InetAddress.getLoopbackAddress(), 0, 50, log::add);
        // The switches' clock: one epoch before the traffic, so the query is installed before its first window.
        AtomicLong clock = new AtomicLong(FIRST_EPOCH * WINDOW - 1);
        List<SwitchRuntime> runtimes = new ArrayList<>();
        for (SwitchSpec spec : options.specs()) {
            runtimes.add(server.addSwitch(spec, clock::get, 0));
        }
        new ControllerClient("http://127.0.0.1:" + server.httpPort()).submit(QueryLoader.shippedText("tcp_new_conn"),
                Map.of(), true);
        for (SwitchRuntime r : runtimes) {
            assertThat(r.queries()).containsEntry("tcp_new_conn",
                    "slot 0, reports over " + LOCAL + " (" + T + " network-wide over 3 switches)");
        }

        // One twin per switch: the same program with the local threshold, the same clock offset.
        SwitchStage stage = SwitchStageExtractor.extract(QueryLoader.shipped("tcp_new_conn"), Map.of());
        assertThat(stage.threshold()).isEqualTo(T);
        assertThat(stage.windowMicros()).isEqualTo(WINDOW);
        List<SwitchTwin> twins = new ArrayList<>();
        List<SketchEpochs> reads = new ArrayList<>();
        for (int i = 0; i < SWITCHES; i++) {
            twins.add(new SwitchTwin().edgePort(EDGE_PORT).clockOffset(offset)
                    .install(SlotProgram.of(SwitchProgrammer.atEdgePorts(stage.withThreshold(LOCAL)), 0)));
            reads.add(new SketchEpochs(stage));
        }

        NetworkWideExpectation expectation = new NetworkWideExpectation(traffic, WINDOW);
        long installEpoch = FIRST_EPOCH - 1;
        for (long e = installEpoch; e <= traffic.lastEpoch(); e++) {
            List<EpochSketch> sketches = new ArrayList<>();
            Set<Integer> reported = new TreeSet<>();
            for (int i = 0; i < SWITCHES; i++) {
                SwitchTwin twin = twins.get(i);
                for (RawFrame f : traffic.frames(i, e)) {
                    switches.get(i).device().receive(EDGE_PORT, f.data, 0, f.capLen, f.wireLen, f.tsMicros);
                    if (twin.process(f, EDGE_PORT) != 0) {
                        reported.add(NetworkWideTraffic.dstOf(f));
                    }
                }
                for (RawFrame f : traffic.frames((i + 1) % SWITCHES, e)) {
                    switches.get(i).device().receive(TRANSIT_PORT, f.data, 0, f.capLen, f.wireLen, f.tsMicros);
                    assertThat(twin.process(f, TRANSIT_PORT)).as("a packet in transit is not counted").isZero();
                }
                SwitchRuntime runtime = runtimes.get(i);
                int n = twin.reports().size();
                await(runtime.name() + " gets " + n + " reports", () -> runtime.reports() == n);
                SlotTwin slot = twin.slot(0);
                sketches.add(reads.get(i).close(e, slot.counterPackets(), slot.counterBytes()));
            }
            expectation.epoch(e, sketches, reported, twins.get(0).slot(0), stage.width());
            clock.set((e + 1) * WINDOW);
            long read = e - installEpoch + 1;
            for (SwitchRuntime r : runtimes) {
                await(r.name() + " reads epoch " + e, () -> r.epochsRead() == read);
            }
        }

        int windows = (int) (traffic.lastEpoch() - installEpoch + 1);
        await("every window published", () -> server.core().results().windows("tcp_new_conn").size() == windows);
        expectation.check(server.core().results().windows("tcp_new_conn"), installEpoch, traffic.exact(dir));
        assertThat(runtimes).allSatisfy(r -> {
            assertThat(r.lateKeys()).isZero();
            assertThat(r.malformedReports()).isZero();
            assertThat(r.lastError()).isNull();
        });
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
