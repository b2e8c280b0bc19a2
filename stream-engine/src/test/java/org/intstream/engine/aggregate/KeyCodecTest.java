package org.intstream.engine.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.intstream.engine.eval.ColumnEvaluator;
import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.record.RowRecord;
import org.intstream.query.type.IpAddress;
import org.intstream.query.type.Type;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class KeyCodecTest {

    private static KeyCodec codec(Type[] types, int[] bits) {
        Evaluator[] parts = new Evaluator[types.length];
        for (int i = 0; i < types.length; i++) {
            parts[i] = new ColumnEvaluator(i, types[i]);
        }
        return new KeyCodec(parts, bits);
    }

    @Property
    void packedKeysUnpackToTheSameValues(@ForAll int src, @ForAll @IntRange(max = 65535) int port,
            @ForAll boolean flag, @ForAll long big, @ForAll @LongRange(min = 0, max = 255) long proto,
            @ForAll boolean portAbsent) {
        KeyCodec c = codec(new Type[] {Type.IP, Type.INT, Type.BOOL, Type.INT, Type.INT}, new int[] {32, 16, 1, 64, 8});
        Object[] values = {IpAddress.v4(src), portAbsent ? null : (long) port, flag, big, proto};
        long[] words = new long[2];
        assertThat(c.pack(new RowRecord(values, 0), words)).isTrue();
        assertThat(c.unpack(words[0], words[1])).containsExactly(values);
    }

    @Property
    void differentKeysPackDifferently(@ForAll int a, @ForAll int b, @ForAll @IntRange(max = 65535) int p,
            @ForAll @IntRange(max = 65535) int q) {
        KeyCodec c = codec(new Type[] {Type.IP, Type.INT}, new int[] {32, 16});
        long[] x = new long[2];
        long[] y = new long[2];
        c.pack(new RowRecord(new Object[] {IpAddress.v4(a), (long) p}, 0), x);
        c.pack(new RowRecord(new Object[] {IpAddress.v4(b), (long) q}, 0), y);
        assertThat(Arrays.equals(x, y)).isEqualTo(a == b && p == q);
    }

    @Property
    void ipv6AndOversizedValuesTakeTheBoxedPath(@ForAll long hi, @ForAll long lo) {
        KeyCodec c = codec(new Type[] {Type.IP, Type.INT}, new int[] {32, 16});
        long[] w = new long[2];
        assertThat(c.pack(new RowRecord(new Object[] {IpAddress.v6(hi, lo), 1L}, 0), w)).isFalse();
        assertThat(c.pack(new RowRecord(new Object[] {IpAddress.v4(1), 70_000L}, 0), w)).isFalse();
    }
}
