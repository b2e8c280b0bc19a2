package org.intstream.controller.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.intstream.controller.merge.MergedWindow;
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
 * Three switches run tcp_new_conn (threshold 10 connections per destination): each reports keys over 3, and
 * once all three have read an epoch the controller publishes the keys whose merged count-min estimate is over
 * 10. The switches are stand-ins whose counters and reports the test sets.
 */
class NetworkWideThresholdsTest {
    private static final long WINDOW = 1_000_000;
    private static final int A = (int) IpAddress.parseV4("10.0.0.1");
    private static final int B = (int) IpAddress.parseV4("10.0.0.2");
    private static final int C = (int) IpAddress.parseV4("10.0.0.3");

    private final ControllerCore core = new ControllerCore(ControllerSettings.defaults().withGraceMillis(60_000),
            () -> 10_000L);
    private final long[] clocks = new long[3];
    private final List<FakeSwitch> links = new ArrayList<>();
    private final List<SwitchRuntime> switches = new ArrayList<>();

    private static String shipped(String name) throws IOException {
        return Files.readString(Path.of("..", "queries", name + ".isq"));
    }

    private void addSwitches() {
        for (int i = 0; i < 3; i++) {
            int s = i;
            FakeSwitch link = new FakeSwitch("s" + (i + 1));
            links.add(link);
            switches.add(core.addSwitch(link, () -> clocks[s], 0));
        }
    }

    @Test
    void keysOverTheThresholdOnlyNetworkWideArePublished() throws IOException {
        addSwitches();
        core.queries().submit(shipped("tcp_new_conn"), Map.of("threshold", "10", "window", "1s"), true);
        for (FakeSwitch l : links) {
            assertThat(l.installed.threshold()).as("%s's local threshold", l.name).isEqualTo(3);
        }
        assertThat(switches.get(0).queries()).containsEntry("tcp_new_conn",
                "slot 0, reports over 3 (10 network-wide over 3 switches)");

        // A: 4 + 4 + 3 = 11 > 10, reported by s1 and s2 only. B: 4 at s1 alone. C: 12 at s2 alone.
        count(0, A, 4);
        count(1, A, 4);
        count(2, A, 3);
        count(0, B, 4);
        count(1, C, 12);
        report(0, A, B);
        report(1, A, C);

        clocks[0] = WINDOW;
        clocks[1] = WINDOW;
        core.tick();
        assertThat(core.results().windows("tcp_new_conn")).as("waits for s3's reading").isEmpty();

        clocks[2] = WINDOW;
        core.tick();
        List<MergedWindow> windows = core.results().windows("tcp_new_conn");
        assertThat(windows).hasSize(1);
        MergedWindow w = windows.get(0);
        assertThat(w.rows()).extracting(r -> r[0] + "=" + r[1]).containsExactlyInAnyOrder("10.0.0.1=11", "10.0.0.3=12");
        assertThat(w.expected()).containsExactly("switch:s1", "switch:s2", "switch:s3");
        assertThat(w.packets()).isEqualTo(27);
        assertThat(w.approximate()).isTrue();
        assertThat(w.notes()).anyMatch(n -> n.startsWith("switches s1, s2, s3: network-wide count-min estimates")
                && n.contains("over it by at most " + (long) Math.ceil(Math.E * 27 / 1024)));
    }

    @Test
    void aSwitchAddedLaterLowersTheOthersLocalThreshold() throws IOException {
        FakeSwitch first = new FakeSwitch("s1");
        SwitchRuntime s1 = core.addSwitch(first, () -> clocks[0], 0);
        core.queries().submit(shipped("tcp_new_conn"), Map.of("threshold", "10", "window", "1s"), true);
        assertThat(first.installed.threshold()).isEqualTo(10);
        assertThat(s1.queries()).containsEntry("tcp_new_conn", "slot 0");

        FakeSwitch second = new FakeSwitch("s2");
        core.addSwitch(second, () -> clocks[1], 0);
        assertThat(second.installed.threshold()).isEqualTo(5);
        core.tick();
        assertThat(first.installed.threshold()).as("s1 installed again for two switches").isEqualTo(5);
        assertThat(first.calls).containsExactly("install tcp_new_conn", "remove tcp_new_conn", "install tcp_new_conn");
    }

    @Test
    void sketchesOfAnotherShapeAreRefused() throws IOException {
        addSwitches();
        DeployedQuery q = core.queries().submit(shipped("tcp_new_conn"), Map.of("threshold", "10", "window", "1s"), true);
        SwitchStage stage = links.get(0).installed;
        SwitchRows rows = SwitchRows.of(q, stage);
        SwitchRows narrow = SwitchRows.of(q, stage.withWidth(512));
        SwitchEpoch a = reading("s1", q, rows, stage, 0);
        SwitchEpoch b = reading("s2", q, narrow, stage.withWidth(512), 0);
        assertThatThrownBy(() -> MergedSketch.of(List.of(a, b))).hasMessage(
                "switch s2's sketch of tcp_new_conn epoch 0 can't be added cell by cell to switch s1's: width 512 "
                        + "against 1024");
        assertThatThrownBy(() -> MergedSketch.of(List.of(a, reading("s3", q, rows, stage, 1)))).hasMessage(
                "switch s3's sketch of tcp_new_conn epoch 1 can't be added cell by cell to switch s1's: epoch 1 "
                        + "against 0");
    }

    private static SwitchEpoch reading(String name, DeployedQuery q, SwitchRows rows, SwitchStage stage, long epoch) {
        EpochSketch sketch = new SketchEpochs(stage).close(epoch, new long[IntStreamP4.SLOT_COUNTER_CELLS],
                new long[IntStreamP4.SLOT_COUNTER_CELLS]);
        return new SwitchEpoch(name, "switch:" + name, q, rows, epoch, sketch, List.of(), true, null);
    }

    /** Counts {@code n} SYNs to {@code dst} at switch {@code i} in epoch 0. */
    private void count(int i, int dst, long n) {
        links.get(i).add(0, dst, n);
    }

    /** Switch {@code i} reports the destinations in epoch 0. */
    private void report(int i, int... dsts) {
        List<SlotHit> hits = new ArrayList<>();
        for (int d : dsts) {
            hits.add(new SlotHit("tcp_new_conn", 0, 0, 0, new int[] {0, d, 0, 0, 0}));
        }
        links.get(i).next = hits;
        switches.get(i).onReport(reportFrame(500_000));
    }

    private static byte[] reportFrame(long micros) {
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
        final String name;
        final List<String> calls = new ArrayList<>();
        final long[] packets = new long[IntStreamP4.SLOT_COUNTER_CELLS];
        final long[] bytes = new long[IntStreamP4.SLOT_COUNTER_CELLS];
        SwitchStage installed;
        SketchEpochs epochs;
        List<SlotHit> next = List.of();

        FakeSwitch(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public SlotProgram install(SwitchStage stage) {
            calls.add("install " + stage.query());
            installed = stage;
            epochs = new SketchEpochs(stage, packets, bytes);
            return SlotProgram.of(stage, 0);
        }

        @Override
        public void remove(String query) {
            calls.add("remove " + query);
        }

        @Override
        public EpochSketch readEpoch(String query, long epoch) {
            return epochs.close(epoch, packets, bytes);
        }

        @Override
        public List<SlotHit> decode(byte[] reportPayload) {
            return next;
        }

        /** Counts n packets of a destination in every row of the epoch's half. */
        void add(long epoch, int dst, long n) {
            int[] cells = new SlotTwin(SlotProgram.of(installed, 0)).cellsOf(0, dst, 0, 0, 0);
            for (int row = 0; row < IntStreamP4.SKETCH_ROWS; row++) {
                packets[IntStreamP4.sketchCounterIndex(epoch, row, cells[row])] += n;
            }
        }
    }
}
