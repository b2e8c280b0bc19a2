package org.intstream.softswitch.parser;

import org.intstream.softswitch.expr.Expr;
import org.intstream.softswitch.runtime.PacketContext;

/**
 * {@code advance(bits)} / BMv2's {@code shift(bytes)}: skips input; past the end is PacketTooShort, a
 * bit count that is not a whole number of bytes ParserInvalidArgument, as in BMv2.
 */
public final class Advance implements ParserOp {
    private final Expr amount;
    private final boolean inBits;
    private final int packetTooShort;
    private final int invalidArgument;

    public Advance(Expr amount, boolean inBits, int packetTooShort, int invalidArgument) {
        this.amount = amount;
        this.inBits = inBits;
        this.packetTooShort = packetTooShort;
        this.invalidArgument = invalidArgument;
    }

    @Override
    public void apply(PacketContext c) {
        long n = amount.evalLong(c);
        if (inBits && n % 8 != 0) {
            throw new ParserError(invalidArgument);
        }
        long bytes = inBits ? n / 8 : n;
        if (c.payloadOffset + bytes > c.length) {
            throw new ParserError(packetTooShort);
        }
        c.payloadOffset += (int) bytes;
    }
}
