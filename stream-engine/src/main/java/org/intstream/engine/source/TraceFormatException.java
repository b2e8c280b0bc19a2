package org.intstream.engine.source;

import java.io.IOException;

/**
 * A capture file is damaged or not a capture at all. Says which file, at which byte offset and after how
 * many good frames, and what was wrong. {@link #kind()} tells a trace that merely stops mid-record (a
 * capture killed while writing) from real damage, so a caller can treat the first as a warning.
 */
public class TraceFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What kind of problem the input has. */
    public enum Kind {
        /** The input ends in the middle of a header, record or block; everything before it was good. */
        TRUNCATED,
        /** A length, magic or field is impossible: the bytes are corrupt. */
        DAMAGED,
        /** The input is empty or is neither pcap nor pcapng. */
        NOT_A_TRACE
    }

    private final String source;
    private final long byteOffset;
    private final long framesBefore;
    private final Kind kind;
    private final String reason;

    public TraceFormatException(String source, long byteOffset, long framesBefore, String reason) {
        this(Kind.DAMAGED, source, byteOffset, framesBefore, reason);
    }

    public TraceFormatException(Kind kind, String source, long byteOffset, long framesBefore, String reason) {
        super(source + ": " + reason + " (at byte " + byteOffset + ", after " + framesBefore + " good frame"
                + (framesBefore == 1 ? "" : "s") + ")");
        this.source = source;
        this.byteOffset = byteOffset;
        this.framesBefore = framesBefore;
        this.kind = kind;
        this.reason = reason;
    }

    public String source() {
        return source;
    }

    public long byteOffset() {
        return byteOffset;
    }

    public long framesBefore() {
        return framesBefore;
    }

    /** What was wrong, without the file and position. */
    public String reason() {
        return reason;
    }

    public Kind kind() {
        return kind;
    }

    /** True when the trace simply ends mid-record, as a capture that was killed leaves it. */
    public boolean isTruncation() {
        return kind == Kind.TRUNCATED;
    }
}
