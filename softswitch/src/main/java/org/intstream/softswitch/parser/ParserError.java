package org.intstream.softswitch.parser;

/**
 * Ends a parse with a P4 error code (PacketTooShort, a failed verify …). Thrown per packet, so it carries
 * no stack trace.
 */
public final class ParserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;

    public ParserError(int code) {
        super(null, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
