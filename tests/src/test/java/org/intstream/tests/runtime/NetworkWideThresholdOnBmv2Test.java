package org.intstream.tests.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.intstream.controller.dataplane.SlotHit;
import org.intstream.controller.dataplane.SwitchClock;
import org.intstream.controller.dataplane.SwitchLink;
import org.intstream.controller.dataplane.SwitchReportFrame;
import org.intstream.controller.dataplane.SwitchRuntime;
import org.intstream.controller.runtime.ControllerCore;
import org.intstream.controller.runtime.ControllerSettings;
import org.intstream.engine.source.RawFrame;
import org.intstream.engine.switchtwin.EpochSketch;
import org.intstream.engine.switchtwin.SketchEpochs;
import org.intstream.engine.switchtwin.SlotTwin;
import org.intstream.engine.switchtwin.SwitchTwin;
import org.intstream.p4runtime.ElectionId;
import org.intstream.p4runtime.P4RuntimeClient;
import org.intstream.p4runtime.PacketOut;
import org.intstream.p4runtime.PipelineConfig;
import org.intstream.p4runtime.testswitch.Bmv2Switch;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.partition.SwitchStageExtractor;
import org.intstream.query.switchgen.SlotProgram;
import org.intstream.standalone.dataplane.SwitchProgrammer;
import org.intstream.standalone.run.QueryLoader;
import org.intstream.tests.TraceRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link NetworkWideThresholdTest}'s case on three real BMv2 switches ({@code simple_switch_grpc}, skipped
 * where it is not installed): the controller core programs each through {@link SwitchProgrammer}, receives
 * their reports and reads their counters at the end of each epoch of their own clocks. BMv2 has no data ports
 * here, so frames enter as packet-outs through the tables as if received on edge port 1 (the P4Runtime primary
 * alone may send them, so the test's link to each switch is the controller's). BMv2's clock counts from its
 * start; its offset is the wall clock just before the start, so its epochs lag Unix time by at most the
 * start's duration, and each epoch's frames are sent in the middle of the epoch, in real time (4 s windows).
 */
class NetworkWideThresholdOnBmv2Test {
    private static final Path P4INFO = TraceRun.ROOT.resolve("p4src/build/intstream.p4info.txt");
    private static final Path BMV2_JSON = TraceRun.ROOT.resolve("p4src/build/intstream.json");
    private static final int SWITCHES = NetworkWideTraffic.SWITCHES;
    private static final int EDGE_PORT = 1;
    private static final int PACKET_OUT_HEADER_BYTES = 3;
    private static final long T = NetworkWideExpectation.T;
    private static final long WINDOW = 4_000_000;
    private static final long READ_DELAY_MILLIS = 1_000;
    /** When, into its epoch by the wall clock, an epoch's frames are sent. */
    private static final long SEND_AT_MICROS = 1_500_000;

    private final List<Bmv2Switch> switches = new ArrayList<>();
    private final List<DirectLink> links = new ArrayList<>();

    @AfterEach
    void stop() {
        links.forEach(DirectLink::close);
        switches.forEach(Bmv2Switch::stop);
    }

    @Test
    void destinationsOverTheThresholdOnlyNetworkWideAreFound(@TempDir Path dir) throws Exception {
        assumeTrue(Bmv2Switch.isInstalled(), "BMv2 simple_switch_grpc is not installed at " + Bmv2Switch.BINARY);
        ControllerCore core = new ControllerCore(ControllerSettings.defaults().withGraceMillis(60_000));
        long[] offsets = new long[SWITCHES];
        List<SwitchRuntime> runtimes = new ArrayList<>();
        for (int i = 0; i < SWITCHES; i++) {
            Bmv2Switch sw = new Bmv2Switch("networkwide-s" + (i + 1), 1);
            switches.add(sw);
            offsets[i] = System.currentTimeMillis() * 1000;
            sw.start();
            long lag = System.currentTimeMillis() * 1000 - offsets[i];
            assertThat(lag).as("BMv2's start, the most its clock lags").isLessThan(SEND_AT_MICROS - 300_000);
            DirectLink link = DirectLink.connect("s" + (i + 1), sw, offsets[i], core);
            links.add(link);
            runtimes.add(core.addSwitch(link, SwitchClock.wall(System::currentTimeMillis), READ_DELAY_MILLIS));
        }
        // At an epoch's start, so the query is installed on every switch in that epoch (it takes a second or so).
        sleepUntilMicros((Math.floorDiv(System.currentTimeMillis() * 1000, WINDOW) + 1) * WINDOW + 1000);
        long installEpoch = Math.floorDiv(System.currentTimeMillis() * 1000, WINDOW);
        core.queries().submit(QueryLoader.shippedText("tcp_new_conn"), Map.of("window", "4s"), true);
        assertThat(Math.floorDiv(System.currentTimeMillis() * 1000, WINDOW)).isEqualTo(installEpoch);
        for (SwitchRuntime r : runtimes) {
            assertThat(r.queries()).containsEntry("tcp_new_conn", "slot 0, reports over 13 (40 network-wide over 3 "
                    + "switches)");
        }
        SwitchStage stage = SwitchStageExtractor.extract(QueryLoader.shipped("tcp_new_conn"), Map.of("window", "4s"));
        List<SwitchTwin> twins = new ArrayList<>();
        List<SketchEpochs> reads = new ArrayList<>();
        for (int i = 0; i < SWITCHES; i++) {
            twins.add(new SwitchTwin().edgePort(EDGE_PORT).clockOffset(offsets[i])
                    .install(SlotProgram.of(SwitchProgrammer.atEdgePorts(stage.withThreshold(T / SWITCHES)), 0)));
            reads.add(new SketchEpochs(stage));
        }

        NetworkWideTraffic traffic = new NetworkWideTraffic(installEpoch + 1, WINDOW);
        NetworkWideExpectation expectation = new NetworkWideExpectation(traffic, WINDOW);
        for (long e = installEpoch; e <= traffic.lastEpoch(); e++) {
            if (e > installEpoch) {
                sleepUntilMicros(e * WINDOW + SEND_AT_MICROS);
            }
            List<EpochSketch> sketches = new ArrayList<>();
            Set<Integer> reported = new TreeSet<>();
            for (int i = 0; i < SWITCHES; i++) {
                SwitchTwin twin = twins.get(i);
                for (RawFrame f : traffic.frames(i, e)) {
                    links.get(i).client.sendPacketOut(PacketOut.of(f.data).metadata("egress_port", 0)
                            .metadata("through_tables", 1).metadata("ingress_port", EDGE_PORT));
                    RawFrame padded = copy(f);
                    padded.wireLen = f.wireLen + PACKET_OUT_HEADER_BYTES;
                    long wall = System.currentTimeMillis() * 1000;
                    assertThat(Math.floorDiv(wall, WINDOW)).as("frames of epoch %d sent in it", e).isEqualTo(e);
                    if (twin.process(padded, EDGE_PORT, wall - offsets[i]) != 0) {
                        reported.add(NetworkWideTraffic.dstOf(f));
                    }
                }
            }
            for (int i = 0; i < SWITCHES; i++) {
                SwitchRuntime runtime = runtimes.get(i);
                int n = twins.get(i).reports().size();
                NetworkWideThresholdTest.await(runtime.name() + " gets " + n + " reports",
                        () -> runtime.reports() == n);
                SlotTwin slot = twins.get(i).slot(0);
                sketches.add(reads.get(i).close(e, slot.counterPackets(), slot.counterBytes()));
            }
            expectation.epoch(e, sketches, reported, twins.get(0).slot(0), stage.width());
            long read = e - installEpoch + 1;
            NetworkWideThresholdTest.await("every switch reads epoch " + e, () -> {
                core.tick();
                return runtimes.stream().allMatch(r -> r.epochsRead() == read);
            });
        }
        int windows = (int) (traffic.lastEpoch() - installEpoch + 1);
        NetworkWideThresholdTest.await("every window published", () -> {
            core.tick();
            return core.results().windows("tcp_new_conn").size() == windows;
        });
        expectation.check(core.results().windows("tcp_new_conn"), installEpoch, traffic.exact(dir));
        assertThat(runtimes).allSatisfy(r -> {
            assertThat(r.lateKeys()).isZero();
            assertThat(r.malformedReports()).isZero();
            assertThat(r.lastError()).isNull();
        });
    }

    private static RawFrame copy(RawFrame f) {
        RawFrame c = new RawFrame();
        c.data = Arrays.copyOf(f.data, f.data.length);
        c.capLen = f.capLen;
        c.wireLen = f.wireLen;
        c.tsMicros = f.tsMicros;
        c.linkType = f.linkType;
        c.index = f.index;
        return c;
    }

    private static void sleepUntilMicros(long unixMicros) throws InterruptedException {
        long ms = unixMicros / 1000 - System.currentTimeMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }

    /** The controller's link to one BMv2, as the standalone controller's, with the client exposed for packet-outs. */
    private static final class DirectLink implements SwitchLink {
        final String name;
        final P4RuntimeClient client;
        final SwitchProgrammer programmer;

        private DirectLink(String name, P4RuntimeClient client, SwitchProgrammer programmer) {
            this.name = name;
            this.client = client;
            this.programmer = programmer;
        }

        static DirectLink connect(String name, Bmv2Switch sw, long clockOffset, ControllerCore core)
                throws Exception {
            P4RuntimeClient client = P4RuntimeClient.builder(sw.target(), sw.deviceId(), ElectionId.of(20)).build();
            client.addPacketInListener(p -> {
                if (SwitchReportFrame.isReport(p.payload())) {
                    core.onSwitchReport(name, p.payload());
                }
            });
            client.connect();
            client.setPipelineConfig(PipelineConfig.fromFiles(P4INFO, BMV2_JSON));
            SwitchProgrammer programmer = new SwitchProgrammer(client, name);
            programmer.prepare(clockOffset, Set.of(EDGE_PORT));
            return new DirectLink(name, client, programmer);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public SlotProgram install(SwitchStage stage) {
            return programmer.install(stage);
        }

        @Override
        public void remove(String query) {
            programmer.remove(query);
        }

        @Override
        public EpochSketch readEpoch(String query, long epoch) {
            return programmer.readEpoch(query, epoch);
        }

        @Override
        public List<SlotHit> decode(byte[] reportPayload) {
            synchronized (programmer) {
                return programmer.reports().decode(reportPayload);
            }
        }

        void close() {
            client.close();
        }
    }
}
