package org.intstream.controller.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.intstream.controller.agent.AgentLink;
import org.intstream.controller.merge.MergedWindow;
import org.intstream.controller.merge.PartialReport;
import org.intstream.controller.query.DeployedQuery;
import org.intstream.controller.runtime.ControllerCore;
import org.intstream.controller.runtime.ControllerSettings;
import org.intstream.engine.switchtwin.EpochSketch;
import org.intstream.engine.switchtwin.SketchEpochs;
import org.intstream.engine.switchtwin.SlotTwin;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.switchgen.IntStreamP4;
import org.intstream.query.switchgen.SlotProgram;
import org.intstream.query.type.IpAddress;
import org.junit.jupiter.api.Test;

/**
 * A switch as one more observation point of the core: which queries it takes, its reported keys valued by
 * the epoch's count-min estimate and merged with an agent's rows in the same window, its slot freed on
 * removal. The switch is a stand-in whose counters the test sets.
 */
class SwitchRuntimeTest {
    private static final long WINDOW = 1_000_000;
    private static final int SCANNER = (int) IpAddress.parseV4("10.0.0.1");

    private long nowMillis = 10_000;
    private long switchMicros = 0;
    private final ControllerCore core = new ControllerCore(ControllerSettings.defaults().withGraceMillis(60_000),
            () -> nowMillis);
    private final FakeSwitch link = new FakeSwitch();

    private static String shipped(String name) throws IOException {
        return Files.readString(Path.of("..", "queries", name + ".isq"));
    }

    @Test
    void deploy() throws IOException {
        SwitchRuntime sw = core.addSwitch(link, () -> switchMicros, 0);
        core.queries().submit(shipped("port_scan"), Map.of("threshold", "2", "window", "1s"), true);
        core.queries().submit(shipped("syn_flood"), Map.of(), true);
        core.queries().submit(shipped("ssh_brute"), Map.of(), true);
        Map<String, String> q = sw.queries();
        assertThat(q.get("port_scan")).isEqualTo("slot 0");
        assertThat(q.get("syn_flood")).startsWith("not merged from switches: its switch stage only bounds the answer");
        assertThat(q.get("ssh_brute")).startsWith("no switch stage: ");
        assertThat(link.calls).containsExactly("install port_scan");
        assertThat(sw.runs("port_scan")).isTrue();
        assertThat(sw.runs("syn_flood")).isFalse();

        core.queries().submit(shipped("tcp_new_conn"), Map.of());
        assertThat(sw.queries().get("tcp_new_conn")).as("exact, and its submitter allowed no estimates")
                .isEqualTo(SwitchRuntime.NOT_ESTIMATING);
        assertThat(link.calls).containsExactly("install port_scan");
    }

    @Test
    void switchKeysMergeWithAnAgentsRowsPerWindow() throws IOException {
        AgentLink agent = new AgentLink() {
            @Override
            public void install(DeployedQuery query) {
            }

            @Override
            public void remove(String query) {
            }
        };
        core.agentConnected("h1", "", "h1/eth0", agent);
        DeployedQuery q = core.queries().submit(shipped("port_scan"), Map.of("threshold", "2", "window", "1s"), true);
        SwitchRuntime sw = core.addSwitch(link, () -> switchMicros, 0);
        assertThat(link.calls).as("a switch added later gets the running queries").containsExactly("install port_scan");

        // Epoch 0: the switch reports the scanner twice (its cache failed open), its counters say 7 ports.
        link.next = List.of(hit(0), hit(0));
        sw.onReport(report(500_000));
        link.setEstimate(0, SCANNER, 7);
        core.onPartial(new PartialReport("h1", "port_scan", q.version(), 1, 0, WINDOW,
                List.<Object[]>of(new Object[] {IpAddress.parse("10.0.0.9"), 4L}), true, 10, 600, 0, false, List.of()));
        core.tick();
        assertThat(core.results().windows("port_scan")).as("waits for the switch's read").isEmpty();

        switchMicros = WINDOW;
        core.tick();
        List<MergedWindow> windows = core.results().windows("port_scan");
        assertThat(windows).hasSize(1);
        MergedWindow w = windows.get(0);
        assertThat(w.rows()).extracting(r -> r[0] + "=" + r[1]).containsExactlyInAnyOrder("10.0.0.1=7", "10.0.0.9=4");
        assertThat(w.expected()).containsExactly("h1", "switch:s1");
        // Installed inside epoch 0, the switch saw only part of it.
        assertThat(w.coverage()).isEqualTo("1/2");
        assertThat(w.approximate()).isTrue();

        // A key of epoch 0 that comes after its read is late; epoch 1 is complete.
        link.next = List.of(hit(0));
        sw.onReport(report(900_000));
        assertThat(sw.lateKeys()).isEqualTo(1);
        core.onPartial(new PartialReport("h1", "port_scan", q.version(), 2, WINDOW, 2 * WINDOW, List.of(), true, 0, 0,
                0, false, List.of()));
        switchMicros = 2 * WINDOW;
        core.tick();
        assertThat(core.results().windows("port_scan")).hasSize(2);
        assertThat(core.results().windows("port_scan").get(1).coverage()).isEqualTo("2/2");
        assertThat(sw.epochsRead()).isEqualTo(2);

        core.queries().remove("port_scan");
        assertThat(link.calls).containsExactly("install port_scan", "read port_scan 0", "read port_scan 1",
                "remove port_scan");
        assertThat(sw.queries()).isEmpty();
    }

    @Test
    void deployingTheSameVersionTwiceInstallsOnce() throws IOException {
        SwitchRuntime sw = core.addSwitch(link, () -> switchMicros, 0);
        DeployedQuery q = core.queries().submit(shipped("port_scan"), Map.of(), true);
        sw.deploy(q);
        assertThat(link.calls).containsExactly("install port_scan");
        assertThat(sw.queries()).containsExactly(Map.entry("port_scan", "slot 0"));
    }

    @Test
    void malformedReportIsCountedAndDropped() {
        SwitchRuntime sw = core.addSwitch(link, () -> switchMicros, 0);
        sw.onReport(new byte[10]);
        assertThat(sw.malformedReports()).isEqualTo(1);
        assertThat(sw.lastError()).isEqualTo("report: a report needs 26 bytes of headers; this one has 10");
        assertThat(sw.reports()).isZero();
    }

    private static SlotHit hit(long epoch) {
        return new SlotHit("port_scan", 0, epoch, epoch * WINDOW, new int[] {SCANNER, 0, 0, 0, 0});
    }

    /** A report header stamped at {@code micros}, slot 0 fired; the stand-in decodes it to its queued hits. */
    private static byte[] report(long micros) {
        byte[] p = new byte[SwitchReportFrame.HEADER_BYTES];
        p[12] = (byte) (IntStreamP4.ETHERTYPE_INTSTREAM_REPORT >> 8);
        p[13] = (byte) IntStreamP4.ETHERTYPE_INTSTREAM_REPORT;
        p[14] = (byte) IntStreamP4.REPORT_VERSION;
        p[15] = 1;
        for (int i = 0; i < 8; i++) {
            p[18 + i] = (byte) (micros >>> (56 - 8 * i));
        }
        return p;
    }

    /** A switch whose counters the test sets and whose reports decode to the hits queued in {@link #next}. */
    private static final class FakeSwitch implements SwitchLink {
        final List<String> calls = new ArrayList<>();
        final long[] packets = new long[IntStreamP4.SLOT_COUNTER_CELLS];
        final long[] bytes = new long[IntStreamP4.SLOT_COUNTER_CELLS];
        SlotProgram program;
        SketchEpochs epochs;
        List<SlotHit> next = List.of();

        @Override
        public String name() {
            return "s1";
        }

        @Override
        public SlotProgram install(SwitchStage stage) {
            calls.add("install " + stage.query());
            program = SlotProgram.of(stage, 0);
            epochs = new SketchEpochs(stage);
            return program;
        }

        @Override
        public void remove(String query) {
            calls.add("remove " + query);
        }

        @Override
        public EpochSketch readEpoch(String query, long epoch) {
            calls.add("read " + query + " " + epoch);
            return epochs.close(epoch, packets, bytes);
        }

        @Override
        public List<SlotHit> decode(byte[] reportPayload) {
            return next;
        }

        /** Adds to the key's cells in every row of the epoch's half. */
        void setEstimate(long epoch, int src, long value) {
            int[] cells = new SlotTwin(program).cellsOf(src, 0, 0, 0, 0);
            for (int row = 0; row < IntStreamP4.SKETCH_ROWS; row++) {
                packets[IntStreamP4.sketchCounterIndex(epoch, row, cells[row])] += value;
            }
        }
    }
}
