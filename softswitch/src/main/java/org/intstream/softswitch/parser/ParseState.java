package org.intstream.softswitch.parser;

import java.math.BigInteger;
import org.intstream.softswitch.expr.Expr;
import org.intstream.softswitch.runtime.HeaderCodec;
import org.intstream.softswitch.runtime.PacketContext;

/**
 * A parse state: its operations, then a select over a key built as BMv2 builds it (each field or
 * lookahead right-aligned in whole bytes, concatenated), matched against the transitions' value/mask in
 * order; no match takes the default (or accepts).
 */
public final class ParseState {
    /** One part of the select key: a field or a lookahead. */
    public static final class KeyPart {
        final Expr field;
        final int lookaheadOffset;
        final int widthBits;
        final int bytes;

        private KeyPart(Expr field, int lookaheadOffset, int widthBits) {
            this.field = field;
            this.lookaheadOffset = lookaheadOffset;
            this.widthBits = widthBits;
            this.bytes = (widthBits + 7) / 8;
        }

        public static KeyPart field(Expr read, int widthBits) {
            return new KeyPart(read, 0, widthBits);
        }

        public static KeyPart lookahead(int offsetBits, int widthBits) {
            return new KeyPart(null, offsetBits, widthBits);
        }
    }

    private final String name;
    private final ParserOp[] ops;
    private final KeyPart[] key;
    private final int keyBytes;
    private final long[] values;
    private final long[] masks;
    private final BigInteger[] bigValues;
    private final BigInteger[] bigMasks;
    /** Next state per transition, null to accept. */
    private final ParseState[] next;
    private ParseState defaultNext;
    private final int packetTooShort;

    public ParseState(String name, ParserOp[] ops, KeyPart[] key, BigInteger[] values, BigInteger[] masks,
            int packetTooShort) {
        this.name = name;
        this.ops = ops;
        this.key = key;
        int total = 0;
        for (KeyPart k : key) {
            total += k.bytes;
        }
        this.keyBytes = total;
        this.bigValues = values;
        this.bigMasks = masks;
        this.values = new long[values.length];
        this.masks = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            this.values[i] = values[i].longValue();
            this.masks[i] = masks[i].longValue();
        }
        this.next = new ParseState[values.length];
        this.packetTooShort = packetTooShort;
    }

    public String name() {
        return name;
    }

    void link(int transition, ParseState target) {
        next[transition] = target;
    }

    void linkDefault(ParseState target) {
        defaultNext = target;
    }

    /** Runs the operations and returns the next state, or null to accept. */
    ParseState run(PacketContext c) {
        for (ParserOp op : ops) {
            op.apply(c);
        }
        if (next.length == 0) {
            return defaultNext;
        }
        if (keyBytes <= 8) {
            long k = 0;
            for (KeyPart part : key) {
                k = (k << (8 * part.bytes)) | partValue(part, c);
            }
            for (int i = 0; i < values.length; i++) {
                if ((k & masks[i]) == (values[i] & masks[i])) {
                    return next[i];
                }
            }
        } else {
            BigInteger k = BigInteger.ZERO;
            for (KeyPart part : key) {
                BigInteger v = part.field != null && part.bytes > 8
                        ? part.field.evalBig(c) : new BigInteger(Long.toUnsignedString(partValue(part, c)));
                k = k.shiftLeft(8 * part.bytes).or(v);
            }
            for (int i = 0; i < bigValues.length; i++) {
                if (k.and(bigMasks[i]).equals(bigValues[i].and(bigMasks[i]))) {
                    return next[i];
                }
            }
        }
        return defaultNext;
    }

    private long partValue(KeyPart part, PacketContext c) {
        if (part.field != null) {
            long v = part.field.evalLong(c);
            return part.widthBits >= 64 ? v : v & ((1L << part.widthBits) - 1);
        }
        int startBit = c.payloadOffset * 8 + part.lookaheadOffset;
        if (startBit + part.widthBits > c.length * 8) {
            throw new ParserError(packetTooShort);
        }
        return HeaderCodec.readBits(c.data, startBit, part.widthBits);
    }
}
