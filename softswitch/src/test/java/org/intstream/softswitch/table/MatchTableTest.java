package org.intstream.softswitch.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.intstream.softswitch.action.ActionData;
import org.intstream.softswitch.action.ActionSpec;
import org.intstream.softswitch.action.Primitive;
import org.intstream.softswitch.expr.FieldRead;
import org.intstream.softswitch.expr.WideFieldRead;
import org.intstream.softswitch.model.FieldInfo;
import org.intstream.softswitch.runtime.PacketContext;
import org.intstream.softswitch.runtime.Phv;
import org.junit.jupiter.api.Test;

/** Lookup precedence and entry bookkeeping of match tables, independent of any program. */
class MatchTableTest {
    private static final ActionSpec HIT = new ActionSpec(1, "hit", List.of("v"), new int[] {8}, new Primitive[0]);
    private static final ActionSpec MISS = new ActionSpec(2, "miss", List.of(), new int[0], new Primitive[0]);

    private final FieldInfo f32 = new FieldInfo(0, "a", 32, false, 0);
    private final FieldInfo f16 = new FieldInfo(0, "b", 16, false, 1);
    private final FieldInfo f128 = new FieldInfo(0, "w", 128, false, 0);
    private final PacketContext c = new PacketContext(new Phv(2, 1, 1, 0));

    private MatchTable table(MatchKind k1, MatchKind k2) {
        return new MatchTable("t", 1, List.of(new KeyElement("a", k1, 32, new FieldRead(f32), null),
                new KeyElement("b", k2, 16, new FieldRead(f16), null)), 16, Map.of("hit", HIT, "miss", MISS),
                MISS, ActionData.NONE, false);
    }

    private static TableEntry entry(int priority, int tag, MatchValue... match) {
        return new TableEntry(List.of(match), priority, HIT, ActionData.of(HIT, new BigInteger[] {BigInteger.valueOf(tag)}), 0, null);
    }

    private static MatchValue v(long value, int width) {
        return MatchValue.exact(BigInteger.valueOf(value), width);
    }

    private int lookup(MatchTable t, long a, long b) {
        c.phv.values[0] = a;
        c.phv.values[1] = b;
        TableEntry e = t.lookup(c);
        return e == null ? -1 : e.data().values()[0].intValue();
    }

    @Test
    void exactTablesFindEntriesByAllFields() {
        MatchTable t = table(MatchKind.EXACT, MatchKind.EXACT);
        t.insert(entry(0, 1, v(10, 32), v(80, 16)));
        t.insert(entry(0, 2, v(10, 32), v(443, 16)));
        assertThat(lookup(t, 10, 80)).isEqualTo(1);
        assertThat(lookup(t, 10, 443)).isEqualTo(2);
        assertThat(lookup(t, 11, 80)).isEqualTo(-1);
        t.delete(new TableEntry.MatchKey(List.of(v(10, 32), v(80, 16)), 0));
        assertThat(lookup(t, 10, 80)).isEqualTo(-1);
    }

    @Test
    void highestPriorityWinsThenTheOlderEntry() {
        MatchTable t = table(MatchKind.TERNARY, MatchKind.RANGE);
        MatchValue any = MatchValue.ternary(BigInteger.ZERO, BigInteger.ZERO);
        t.insert(entry(5, 1, any, MatchValue.range(BigInteger.valueOf(1000), BigInteger.valueOf(2000))));
        t.insert(entry(9, 2, MatchValue.ternary(BigInteger.valueOf(0x0a000000), BigInteger.valueOf(0xff000000L)),
                MatchValue.range(BigInteger.ZERO, BigInteger.valueOf(0xffff))));
        t.insert(entry(5, 3, any, MatchValue.range(BigInteger.valueOf(1500), BigInteger.valueOf(1600))));
        assertThat(lookup(t, 0x0a010203, 1500)).isEqualTo(2);
        assertThat(lookup(t, 0x0b010203, 1500)).isEqualTo(1);
        assertThat(lookup(t, 0x0b010203, 2001)).isEqualTo(-1);
    }

    @Test
    void longestPrefixWins() {
        MatchTable t = table(MatchKind.LPM, MatchKind.EXACT);
        t.insert(entry(0, 8, MatchValue.lpm(BigInteger.valueOf(0x0a000000), 8, 32), v(1, 16)));
        t.insert(entry(0, 24, MatchValue.lpm(BigInteger.valueOf(0x0a000200), 24, 32), v(1, 16)));
        t.insert(entry(0, 0, MatchValue.lpm(BigInteger.ZERO, 0, 32), v(1, 16)));
        assertThat(lookup(t, 0x0a000205, 1)).isEqualTo(24);
        assertThat(lookup(t, 0x0a050505, 1)).isEqualTo(8);
        assertThat(lookup(t, 0x0b000000, 1)).isEqualTo(0);
        assertThat(lookup(t, 0x0a000205, 2)).isEqualTo(-1);
    }

    @Test
    void optionalMatchesExactlyOrAnything() {
        MatchTable t = table(MatchKind.OPTIONAL, MatchKind.OPTIONAL);
        t.insert(entry(2, 1, MatchValue.optional(BigInteger.valueOf(7), true, 32), MatchValue.optional(BigInteger.ZERO, false, 16)));
        t.insert(entry(1, 2, MatchValue.optional(BigInteger.ZERO, false, 32), MatchValue.optional(BigInteger.ZERO, false, 16)));
        assertThat(lookup(t, 7, 99)).isEqualTo(1);
        assertThat(lookup(t, 8, 99)).isEqualTo(2);
    }

    @Test
    void wideKeysMatchOnAll128Bits() {
        MatchTable t = new MatchTable("w", 2, List.of(new KeyElement("w", MatchKind.TERNARY, 128, new WideFieldRead(f128), null)),
                4, Map.of("hit", HIT), MISS, ActionData.NONE, false);
        BigInteger high = BigInteger.ONE.shiftLeft(100);
        t.insert(entry(1, 1, MatchValue.ternary(high, high)));
        c.phv.wide[0] = high.add(BigInteger.valueOf(5));
        assertThat(t.lookup(c).data().values()[0]).isEqualTo(BigInteger.ONE);
        c.phv.wide[0] = BigInteger.valueOf(5);
        assertThat(t.lookup(c)).isNull();
    }

    @Test
    void duplicatesFullTablesAndForeignActionsAreRefused() {
        MatchTable t = new MatchTable("small", 3, List.of(new KeyElement("a", MatchKind.EXACT, 32, new FieldRead(f32), null)),
                1, Map.of("hit", HIT), MISS, ActionData.NONE, true);
        t.insert(entry(0, 1, v(1, 32)));
        assertThatThrownBy(() -> t.insert(entry(0, 2, v(1, 32))))
                .isInstanceOf(TableException.class).extracting(e -> ((TableException) e).reason())
                .isEqualTo(TableException.Reason.ALREADY_EXISTS);
        assertThatThrownBy(() -> t.insert(entry(0, 2, v(2, 32)))).hasMessageContaining("is full (1 entries)");
        assertThatThrownBy(() -> t.setDefault(HIT, ActionData.NONE)).hasMessageContaining("is const");
        ActionSpec other = new ActionSpec(9, "other", List.of(), new int[0], new Primitive[0]);
        assertThatThrownBy(() -> t.modify(new TableEntry(List.of(v(1, 32)), 0, other, ActionData.NONE, 0, null)))
                .hasMessageContaining("action other is not an action of table small");
    }

    @Test
    void modifiedEntriesKeepTheirDirectCounter() {
        MatchTable t = table(MatchKind.EXACT, MatchKind.EXACT);
        t.insert(entry(0, 1, v(1, 32), v(1, 16)));
        t.lookup(c);
        TableEntry e = t.entry(new TableEntry.MatchKey(List.of(v(1, 32), v(1, 16)), 0));
        e.countHit(100);
        t.modify(entry(0, 7, v(1, 32), v(1, 16)));
        TableEntry modified = t.entry(new TableEntry.MatchKey(List.of(v(1, 32), v(1, 16)), 0));
        assertThat(modified.hitPackets()).isEqualTo(1);
        assertThat(modified.hitBytes()).isEqualTo(100);
        assertThat(lookup(t, 1, 1)).isEqualTo(7);
    }
}
