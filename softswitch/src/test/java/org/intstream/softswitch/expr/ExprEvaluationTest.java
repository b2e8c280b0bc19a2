package org.intstream.softswitch.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.intstream.softswitch.model.FieldInfo;
import org.intstream.softswitch.runtime.PacketContext;
import org.intstream.softswitch.runtime.Phv;
import org.junit.jupiter.api.Test;

/**
 * BMv2's unbounded-integer expression semantics, and the 64-bit fast path agreeing with the exact path
 * (modulo 2^64) on random expression trees over narrow and wide fields.
 */
class ExprEvaluationTest {
    private static final BigInteger TWO64 = BigInteger.ONE.shiftLeft(64);

    private final PacketContext c = new PacketContext(new Phv(4, 2, 1, 0));

    private static Constant k(long v) {
        return new Constant(BigInteger.valueOf(v));
    }

    private static Constant k(String hex) {
        return new Constant(new BigInteger(hex, 16));
    }

    @Test
    void twoCompModWrapsIntoTheSignedRange() {
        // BMv2's own example: two_comp_mod(-129, 8) = 127.
        assertThat(new WidthCast(WidthCast.Kind.TWO_COMP_MOD, k(-129), 8).evalBig(c)).isEqualTo(BigInteger.valueOf(127));
        assertThat(new WidthCast(WidthCast.Kind.TWO_COMP_MOD, k(0x80), 8).evalLong(c)).isEqualTo(-128);
        assertThat(new WidthCast(WidthCast.Kind.TWO_COMP_MOD, k("ffffffffffffffffffffffffffffffff"), 128).evalBig(c))
                .isEqualTo(BigInteger.valueOf(-1));
    }

    @Test
    void saturatingCastsClamp() {
        assertThat(new WidthCast(WidthCast.Kind.USAT, k(300), 8).evalLong(c)).isEqualTo(255);
        assertThat(new WidthCast(WidthCast.Kind.USAT, k(-5), 8).evalLong(c)).isZero();
        assertThat(new WidthCast(WidthCast.Kind.SAT, k(-300), 8).evalLong(c)).isEqualTo(-128);
        assertThat(new WidthCast(WidthCast.Kind.SAT, k(100), 8).evalLong(c)).isEqualTo(100);
    }

    @Test
    void comparisonsUseExactValues() {
        // 2^64 - 1 is above 1 although its long bits are -1.
        assertThat(new Comparison(Comparison.Kind.GT, k("ffffffffffffffff"), k(1)).evalBool(c)).isTrue();
        // a - b is negative before any mask: below zero.
        assertThat(new Comparison(Comparison.Kind.LT, new RingOp(RingOp.Kind.SUB, k(1), k(2)), k(0)).evalBool(c)).isTrue();
        // A 65-bit sum compares above 2^64 - 1.
        Expr sum = new RingOp(RingOp.Kind.ADD, k("ffffffffffffffff"), k(1));
        assertThat(new Comparison(Comparison.Kind.GT, sum, k("ffffffffffffffff")).evalBool(c)).isTrue();
    }

    @Test
    void shiftsOfWideValuesKeepTheHighBits() {
        Expr wide = new RingOp(RingOp.Kind.MUL, k("ffffffffffffffff"), k("ffffffffffffffff"));
        assertThat(new ShiftRight(wide, k(64)).evalLong(c)).isEqualTo(0xfffffffffffffffeL);
        assertThat(new ShiftLeft(k(1), k(70)).evalBig(c)).isEqualTo(BigInteger.ONE.shiftLeft(70));
        assertThat(new ShiftLeft(k(1), k(70)).evalLong(c)).isZero();
        assertThat(new ShiftRight(k(-8), k(1)).evalLong(c)).isEqualTo(-4);
    }

    @Test
    void complementIsMinusOneMinusX() {
        assertThat(new Complement(k(5)).evalBig(c)).isEqualTo(BigInteger.valueOf(-6));
        assertThat(new RingOp(RingOp.Kind.AND, new Complement(k(5)), k(0xff)).evalLong(c)).isEqualTo(0xfa);
    }

    @Test
    void divisionAndRemainder() {
        assertThat(new Division(false, k(17), k(5)).evalLong(c)).isEqualTo(3);
        assertThat(new Division(true, k(17), k(5)).evalLong(c)).isEqualTo(2);
        assertThat(new Division(false, k("ffffffffffffffff"), k(2)).evalLong(c)).isEqualTo(0x7fffffffffffffffL);
    }

    @Test
    void fastPathAgreesWithExactPathModulo2To64() {
        Random rnd = new Random(42);
        FieldInfo narrow0 = new FieldInfo(0, "a", 64, false, 0);
        FieldInfo narrow1 = new FieldInfo(0, "b", 32, false, 1);
        FieldInfo signed = new FieldInfo(0, "s", 16, true, 2);
        FieldInfo wide = new FieldInfo(0, "w", 128, false, 0);
        for (int trial = 0; trial < 20000; trial++) {
            c.phv.values[0] = rnd.nextLong();
            c.phv.values[1] = rnd.nextLong() & 0xffffffffL;
            c.phv.values[2] = rnd.nextLong() & 0xffffL;
            // Wide values both beyond and within the small (62-bit) range.
            c.phv.wide[0] = new BigInteger(rnd.nextBoolean() ? 128 : 40, rnd);
            Expr e = random(rnd, 4, new Expr[] {new FieldRead(narrow0), new FieldRead(narrow1), new FieldRead(signed),
                new WideFieldRead(wide)});
            BigInteger exact = e.evalBig(c);
            assertThat(BigInteger.valueOf(e.evalLong(c)).mod(TWO64)).as("trial " + trial).isEqualTo(exact.mod(TWO64));
            if (e.exactInLong()) {
                assertThat(e.evalBig(c)).isEqualTo(exact);
            }
            long small = e.evalSmall(c);
            if (exact.bitLength() <= 62) {
                assertThat(small).as("small of trial " + trial).isEqualTo(exact.longValueExact());
            } else {
                assertThat(small).as("small of trial " + trial).isEqualTo(Expr.NOT_SMALL);
            }
        }
    }

    private static Expr random(Random rnd, int depth, Expr[] leaves) {
        if (depth == 0 || rnd.nextInt(4) == 0) {
            return rnd.nextInt(3) == 0 ? new Constant(BigInteger.valueOf(rnd.nextInt(1 << 20) - (1 << 19))) : leaves[rnd.nextInt(leaves.length)];
        }
        if (rnd.nextInt(8) == 0) {
            // p4c's bit<128> product, masked to 128 (or more) bits, then shifted: the two-long path.
            Expr product = new RingOp(RingOp.Kind.MUL, random(rnd, depth - 1, leaves), random(rnd, depth - 1, leaves));
            if (rnd.nextBoolean()) {
                product = new RingOp(RingOp.Kind.AND, product,
                        new Constant(BigInteger.ONE.shiftLeft(128 + rnd.nextInt(3)).subtract(BigInteger.ONE)));
            }
            return new ShiftRight(product, new Constant(BigInteger.valueOf(rnd.nextInt(140))));
        }
        Expr l = random(rnd, depth - 1, leaves);
        Expr r = random(rnd, depth - 1, leaves);
        switch (rnd.nextInt(10)) {
            case 0:
                return new RingOp(RingOp.Kind.values()[rnd.nextInt(6)], l, r);
            case 1:
                return new ShiftLeft(l, new Constant(BigInteger.valueOf(rnd.nextInt(100))));
            case 2:
                return new ShiftRight(l, new Constant(BigInteger.valueOf(rnd.nextInt(100))));
            case 3:
                return new Complement(l);
            case 4:
                return new WidthCast(WidthCast.Kind.TWO_COMP_MOD, l, 1 + rnd.nextInt(128));
            case 5:
                return new WidthCast(rnd.nextBoolean() ? WidthCast.Kind.USAT : WidthCast.Kind.SAT, l, 1 + rnd.nextInt(100));
            case 6:
                return new Conditional(new Comparison(Comparison.Kind.values()[rnd.nextInt(6)], l, r), l, r);
            case 7:
                return new RingOp(RingOp.Kind.AND, l, new Constant(BigInteger.ONE.shiftLeft(1 + rnd.nextInt(128)).subtract(BigInteger.ONE)));
            default:
                return new RingOp(RingOp.Kind.values()[rnd.nextInt(6)], l, r);
        }
    }
}
