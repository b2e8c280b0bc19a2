package org.intstream.tests.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.intstream.controller.merge.MergedWindow;
import org.intstream.engine.switchtwin.EpochSketch;
import org.intstream.engine.switchtwin.SlotTwin;
import org.intstream.query.switchgen.IntStreamP4;
import org.intstream.query.type.IpAddress;

/**
 * What the controller must publish for {@link NetworkWideTraffic} on three switches, computed from the Java
 * twins of the switches (their reports and per-epoch counters), and the checks of what it published against
 * that and against the exact engine over the union of the switches' packets.
 */
final class NetworkWideExpectation {
    static final long T = 40;

    private final NetworkWideTraffic traffic;
    private final long window;
    private final Map<Long, Map<String, Long>> expected = new TreeMap<>();
    private final Map<Long, Set<Integer>> candidates = new TreeMap<>();
    private final Map<Long, Long> bounds = new TreeMap<>();

    NetworkWideExpectation(NetworkWideTraffic traffic, long windowMicros) {
        this.traffic = traffic;
        this.window = windowMicros;
    }

    /**
     * One epoch as the twins saw it: their sketches and the destinations they reported. The candidates whose
     * merged estimate (the minimum over the rows of the three switches' cells added) is over T must be
     * published with it; the bound is e/width of the epoch's SYNs over all switches.
     */
    void epoch(long epoch, List<EpochSketch> sketches, Set<Integer> reported, SlotTwin hashes, int width) {
        candidates.put(epoch, new TreeSet<>(reported));
        long total = 0;
        for (EpochSketch s : sketches) {
            total += s.totalPackets();
        }
        bounds.put(epoch * window, (long) Math.ceil(Math.E * total / width));
        for (int dst : reported) {
            int[] cells = hashes.cellsOf(0, dst, 0, 0, 0);
            long min = Long.MAX_VALUE;
            for (int row = 0; row < IntStreamP4.SKETCH_ROWS; row++) {
                long sum = 0;
                for (EpochSketch s : sketches) {
                    sum += s.packets(row, cells[row]);
                }
                min = Math.min(min, sum);
            }
            if (min > T) {
                expected.computeIfAbsent(epoch * window, k -> new TreeMap<>()).put(IpAddress.formatV4(dst), min);
            }
        }
    }

    /**
     * The published windows hold exactly the expected destinations and estimates; their destinations are
     * the exact engine's; each estimate is at least the exact count and at most the bound the window's note
     * states above it; every destination over T was a candidate.
     */
    void check(List<MergedWindow> windows, long installEpoch, Map<Long, Map<String, Long>> exact) {
        Map<Long, Map<String, Long>> published = new TreeMap<>();
        for (MergedWindow w : windows) {
            assertThat(w.expected()).containsExactly("switch:s1", "switch:s2", "switch:s3");
            assertThat(w.coverage()).as("window %d", w.start())
                    .isEqualTo(w.start() == installEpoch * window ? "0/3" : "3/3");
            assertThat(w.approximate()).isTrue();
            for (Object[] row : w.rows()) {
                published.computeIfAbsent(w.start(), k -> new TreeMap<>()).put(row[0].toString(), (Long) row[1]);
            }
            if (w.start() != installEpoch * window) {
                assertThat(w.notes()).as("window %d states its bound", w.start()).anyMatch(n -> n.startsWith(
                        "switches s1, s2, s3: network-wide count-min estimates")
                        && n.contains("over it by at most " + bounds.get(w.start()) + " "));
            }
        }
        assertThat(published).as("controller's destinations and estimates per window").isEqualTo(expected);

        assertThat(published.keySet()).isEqualTo(exact.keySet());
        for (Map.Entry<Long, Map<String, Long>> w : exact.entrySet()) {
            Map<String, Long> found = published.get(w.getKey());
            assertThat(found.keySet()).as("window %d", w.getKey()).isEqualTo(w.getValue().keySet());
            for (Map.Entry<String, Long> k : w.getValue().entrySet()) {
                long count = k.getValue();
                assertThat(traffic.total(w.getKey() / window, (int) IpAddress.parseV4(k.getKey()))).isEqualTo(count);
                assertThat(found.get(k.getKey())).as("%s in window %d", k.getKey(), w.getKey())
                        .isGreaterThanOrEqualTo(count).isLessThanOrEqualTo(count + bounds.get(w.getKey()));
            }
        }

        // The cases the traffic was made for.
        long first = traffic.firstEpoch();
        assertThat(exact.get(first * window)).containsOnlyKeys(IpAddress.formatV4(NetworkWideTraffic.EVEN),
                IpAddress.formatV4(NetworkWideTraffic.TWO_SWITCHES), IpAddress.formatV4(NetworkWideTraffic.ONE_SWITCH));
        assertThat(traffic.truth().get(first).get(NetworkWideTraffic.EVEN)).as("under T at every switch")
                .containsExactly(16, 16, 16);
        assertThat(candidates.get(first)).contains(NetworkWideTraffic.EVEN, NetworkWideTraffic.TWO_SWITCHES,
                NetworkWideTraffic.ONE_SWITCH, NetworkWideTraffic.UNDER_THEN_OVER)
                .doesNotContain(NetworkWideTraffic.UNDER_EVERYWHERE);
        assertThat(exact.get((first + 1) * window)).containsOnlyKeys(IpAddress.formatV4(NetworkWideTraffic.TWO_SWITCHES),
                IpAddress.formatV4(NetworkWideTraffic.UNDER_THEN_OVER));

        // Candidates are complete: a destination no switch reported is at most T over the union.
        for (Map.Entry<Long, Map<Integer, long[]>> e : traffic.truth().entrySet()) {
            for (int dst : e.getValue().keySet()) {
                if (!candidates.get(e.getKey()).contains(dst)) {
                    assertThat(traffic.total(e.getKey(), dst)).as("%s unreported in epoch %d",
                            IpAddress.formatV4(dst), e.getKey()).isLessThanOrEqualTo(T);
                }
            }
        }
    }
}
