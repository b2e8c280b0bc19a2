package org.intstream.controller.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.intstream.controller.query.DeployedQuery;
import org.intstream.engine.sketch.CountMinSketch;
import org.intstream.engine.sketch.SketchValue;
import org.intstream.query.partition.PlanSplitter;
import org.intstream.query.type.IpAddress;
import org.junit.jupiter.api.Test;

/** sketch_gen (3 x 4096, top 2) merged from agents a and b: their sketches added, their top keys re-estimated. */
class SketchSumTest {
    private static final long W = 5_000_000L;
    private static final long T0 = 1_795_381_580_000_000L;
    private static final Set<String> AB = Set.of("a", "b");

    private final List<MergedWindow> out = new ArrayList<>();
    private final PartialMerger merger;
    private long seq;
    private long start = T0;

    SketchSumTest() throws IOException {
        DeployedQuery q = DeployedQuery.compile(Files.readString(Path.of("..", "queries", "sketch_gen.isq")),
                Map.of("top_keys", "2"), 3, PlanSplitter.Sides.SENDER);
        merger = new PartialMerger(q, 1000, out::add);
    }

    private static long key(String address) {
        return IpAddress.parse(address).v4Bits() & 0xFFFFFFFFL;
    }

    /** One point's row: its sketch of the given (address, packets) pairs, and its top keys as it lists them. */
    private static Object[] row(int width, Object... counts) {
        CountMinSketch cm = new CountMinSketch(3, width, new int[] {32});
        List<String> top = new ArrayList<>();
        for (int i = 0; i < counts.length; i += 2) {
            long k = key((String) counts[i]);
            long est = cm.add(new long[1], new long[] {k}, (Long) counts[i + 1]);
            top.add(counts[i] + "=" + est);
        }
        return new Object[] {cm.total(), 3L, (long) width, cm.errorBound(), cm.confidence(), List.copyOf(top),
            new SketchValue(cm, new int[] {32})};
    }

    private PartialReport report(String agent, Object[]... rows) {
        return new PartialReport(agent, "sketch_gen", 3, ++seq, start, start + W, List.of(rows), true, 10, 600, 0, true,
                List.of("count-min 3x4096: estimates never under-count; over-count at most 1 with confidence 0.950"));
    }

    @Test
    void thePointsSketchesAddUpCellByCellAndEveryPointsTopKeysAreEstimatedAgainstTheSum() {
        assertThat(merger.accept(report("a", row(4096, "10.0.0.1", 40L, "10.0.0.2", 5L)), AB, 0))
                .isEqualTo(Acceptance.ACCEPTED);
        assertThat(merger.accept(report("b", row(4096, "10.0.0.3", 30L, "10.0.0.4", 1L)), AB, 0))
                .isEqualTo(Acceptance.ACCEPTED);
        assertThat(out).hasSize(1);
        Object[] merged = out.get(0).rows().get(0);
        assertThat(out.get(0).rows()).hasSize(1);

        CountMinSketch whole = new CountMinSketch(3, 4096, new int[] {32});
        whole.add(new long[1], new long[] {key("10.0.0.1")}, 40);
        whole.add(new long[1], new long[] {key("10.0.0.2")}, 5);
        whole.add(new long[1], new long[] {key("10.0.0.3")}, 30);
        whole.add(new long[1], new long[] {key("10.0.0.4")}, 1);
        SketchValue sum = (SketchValue) merged[6];
        assertThat(sum.cells()).isDeepEqualTo(whole.cells());
        assertThat(merged[0]).isEqualTo(76L);
        assertThat(merged[3]).isEqualTo(whole.errorBound());
        // The two heaviest of a's and b's candidates, by their estimate in the sum.
        assertThat(merged[5]).isEqualTo(List.of("10.0.0.1=" + sum.estimate(key("10.0.0.1")),
                "10.0.0.3=" + sum.estimate(key("10.0.0.3"))));
        assertThat(out.get(0).notes()).containsExactly("count-min 3x4096: estimates never under-count; over-count "
                + "at most " + whole.errorBound() + " with confidence 0.950");
        assertThat(out.get(0).approximate()).isTrue();
    }

    @Test
    void candidatesWithoutTheirPointsEstimatesSumTheSame() {
        Object[] a = row(4096, "10.0.0.1", 40L, "10.0.0.2", 5L);
        Object[] b = row(4096, "10.0.0.3", 30L, "10.0.0.4", 1L);
        merger.accept(report("a", a), AB, 0);
        merger.accept(report("b", b), AB, 0);
        for (Object[] point : List.of(a, b)) {
            point[5] = ((List<?>) point[5]).stream().map(e -> ((String) e).substring(0, ((String) e).indexOf('=')))
                    .collect(java.util.stream.Collectors.toList());
        }
        start += W;
        merger.accept(report("a", a), AB, 0);
        merger.accept(report("b", b), AB, 0);

        assertThat(out).hasSize(2);
        assertThat(out.get(1).rows().get(0)[5]).isEqualTo(out.get(0).rows().get(0)[5]);
        assertThat(((List<?>) out.get(1).rows().get(0)[5]).get(0).toString()).startsWith("10.0.0.1=");
    }

    @Test
    void aSketchOfAnotherShapeIsRefused() {
        PartialReport narrow = report("a", row(1024, "10.0.0.1", 4L));
        assertThat(merger.malformation(narrow))
                .isEqualTo("a 3x1024 sketch of key fields [32] bits wide, the query's is 3x4096 of [32]");
        assertThat(merger.accept(narrow, AB, 0)).isEqualTo(Acceptance.MALFORMED);
        CountMinSketch wide = new CountMinSketch(3, 4096, new int[] {64});
        Object[] otherWidths = {0L, 3L, 4096L, 0L, wide.confidence(), List.of(), new SketchValue(wide, new int[] {64})};
        assertThat(merger.malformation(report("a", otherWidths)))
                .isEqualTo("a 3x4096 sketch of key fields [64] bits wide, the query's is 3x4096 of [32]");
    }

    @Test
    void aPointsBadCandidateIsRefusedOnArrivalAndTheOthersWindowIsPublished() {
        Object[] bad = row(4096, "10.0.0.1", 4L);
        bad[5] = List.of("not-a-key");
        assertThat(merger.malformation(report("a", bad))).startsWith("top key 'not-a-key': ");
        assertThat(merger.accept(report("a", bad), AB, 0)).isEqualTo(Acceptance.MALFORMED);
        Object[] twoFields = row(4096, "10.0.0.1", 4L);
        twoFields[5] = List.of("10.0.0.1,80");
        assertThat(merger.accept(report("a", twoFields), AB, 0)).isEqualTo(Acceptance.MALFORMED);
        Object[] notText = row(4096, "10.0.0.1", 4L);
        notText[5] = List.of(7L);
        assertThat(merger.accept(report("a", notText), AB, 0)).isEqualTo(Acceptance.MALFORMED);
        // b's honest window is still merged, alone, once a's grace has passed
        assertThat(merger.accept(report("b", row(4096, "10.0.0.3", 30L)), AB, 0)).isEqualTo(Acceptance.ACCEPTED);
        merger.expire(AB, (start + W) / 1000 + 1000);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).rows().get(0)[5]).isEqualTo(List.of("10.0.0.3=" + ((SketchValue) out.get(0).rows().get(0)[6])
                .estimate(key("10.0.0.3"))));
    }
}
