package org.intstream.engine.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.intstream.engine.eval.ColumnEvaluator;
import org.intstream.engine.record.RowRecord;
import org.intstream.query.type.Type;
import org.junit.jupiter.api.Test;

/** collect(x) per group against plain lists: chunk and page boundaries, interleaved groups, reuse after a clear. */
class LongCollectColumnTest {

    @SuppressWarnings("unchecked")
    private static List<Long> longs(Object result) {
        return (List<Long>) result;
    }

    @Test
    void eachGroupGetsItsValuesInOrderAcrossChunksPagesAndWindows() {
        LongCollectColumn column = new LongCollectColumn(new ColumnEvaluator(0, Type.INT));
        Random rnd = new Random(7);
        for (int window = 0; window < 4; window++) {
            // many small groups (a scan's pairs) and a few heavy ones, interleaved: well over one page of chunks
            int groups = window % 2 == 0 ? 20_000 : 300;
            List<List<Long>> expected = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                expected.add(new ArrayList<>());
            }
            column.ensureCapacity(groups);
            for (int i = 0; i < 120_000; i++) {
                int g = rnd.nextInt(10) == 0 ? rnd.nextInt(3) : rnd.nextInt(groups);
                long v = rnd.nextLong();
                column.add(g, new RowRecord(new Object[] {v}, 0));
                expected.get(g).add(v);
            }
            for (int g = 0; g < groups; g++) {
                assertThat(longs(column.result(g))).as("group %d of window %d", g, window)
                        .isEqualTo(expected.get(g));
            }
            column.clear(groups);
        }
    }

    @Test
    void absentValuesAreNotCollectedAndAGroupWithoutValuesIsEmpty() {
        LongCollectColumn column = new LongCollectColumn(new ColumnEvaluator(0, Type.INT));
        column.ensureCapacity(2);
        column.add(0, new RowRecord(new Object[] {null}, 0));
        column.add(0, new RowRecord(new Object[] {5L}, 0));
        assertThat(longs(column.result(0))).containsExactly(5L);
        assertThat(longs(column.result(1))).isEmpty();
    }

    @Test
    void aResultKeepsItsValuesAfterTheColumnIsReused() {
        LongCollectColumn column = new LongCollectColumn(new ColumnEvaluator(0, Type.INT));
        column.ensureCapacity(1);
        for (long v = 0; v < 20; v++) {
            column.add(0, new RowRecord(new Object[] {v}, 0));
        }
        Object first = column.result(0);
        column.clear(1);
        for (long v = 100; v < 120; v++) {
            column.add(0, new RowRecord(new Object[] {v}, 0));
        }
        assertThat(longs(first)).hasSize(20).startsWith(0L, 1L).endsWith(19L);
        assertThat(longs(column.result(0))).hasSize(20).startsWith(100L);
    }
}
