package org.intstream.engine.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.intstream.engine.eval.ColumnEvaluator;
import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.record.RowRecord;
import org.intstream.query.type.IpAddress;
import org.intstream.query.type.Type;
import org.junit.jupiter.api.Test;

/** Key ids against a map: dense, in order of first appearance, stable within a window, across growth and clears. */
class KeyTableTest {

    private static KeyTable table(int initial, int maxKeys) {
        Evaluator[] parts = {new ColumnEvaluator(0, Type.IP), new ColumnEvaluator(1, Type.INT)};
        return new KeyTable(new KeyCodec(parts, new int[] {32, 16}), initial, maxKeys);
    }

    @Test
    void idsFollowFirstAppearanceAcrossGrowthClearsAndCompaction() {
        KeyTable t = table(16, 1_000_000);
        Random rnd = new Random(3);
        Map<List<Object>, Integer> expected = new HashMap<>();
        for (int window = 0; window < 40; window++) {
            // windows alternate between bursts (the table grows) and quiet spells (it starts compact again)
            int records = window % 3 == 0 ? 60_000 : 300;
            int domain = window % 3 == 0 ? 40_000 : 200;
            for (int i = 0; i < records; i++) {
                Object[] key = {IpAddress.v4(0x0A000000 + rnd.nextInt(domain)), (long) rnd.nextInt(3)};
                Integer want = expected.get(List.of(key));
                int id = t.idOf(new RowRecord(key, 0));
                if (want == null) {
                    assertThat(t.lastWasNew()).isTrue();
                    assertThat(id).as("ids are dense in order of first appearance").isEqualTo(expected.size());
                    expected.put(List.of(key), id);
                } else {
                    assertThat(t.lastWasNew()).isFalse();
                    assertThat(id).isEqualTo(want);
                }
            }
            assertThat(t.size()).isEqualTo(expected.size());
            for (Map.Entry<List<Object>, Integer> e : expected.entrySet()) {
                assertThat(t.key(e.getValue())).containsExactly(e.getKey().toArray());
            }
            t.clear();
            expected.clear();
        }
    }

    @Test
    void aFullTableAnswersFullForNewKeysOnly() {
        KeyTable t = table(4, 3);
        for (int k = 0; k < 3; k++) {
            assertThat(t.idOf(new RowRecord(new Object[] {IpAddress.v4(k), 1L}, 0))).isEqualTo(k);
        }
        assertThat(t.idOf(new RowRecord(new Object[] {IpAddress.v4(9), 1L}, 0))).isEqualTo(KeyTable.FULL);
        assertThat(t.idOf(new RowRecord(new Object[] {IpAddress.v4(1), 1L}, 0))).isEqualTo(1);
        // keys that do not pack (an absent value packs; an IPv6 address does not) share the ids
        t.clear();
        assertThat(t.idOf(new RowRecord(new Object[] {IpAddress.parse("2001:db8::1"), 1L}, 0))).isEqualTo(0);
        assertThat(t.idOf(new RowRecord(new Object[] {IpAddress.v4(5), null}, 0))).isEqualTo(1);
        assertThat(t.idOf(new RowRecord(new Object[] {IpAddress.parse("2001:db8::1"), 1L}, 0))).isEqualTo(0);
        assertThat(t.key(1)).containsExactly(IpAddress.v4(5), null);
    }
}
