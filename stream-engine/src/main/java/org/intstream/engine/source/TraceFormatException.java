package org.intstream.engine.source;

import java.io.IOException;

/**
 * A capture file is damaged or not a capture at all. Says which file, at which byte offset and after how
 * many good frames, and what was wrong.
 */
public class TraceFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long byteOffset;
    private final long framesBefore;

    public TraceFormatException(String source, long byteOffset, long framesBefore, String reason) {
        super(source + ": " + reason + " (at byte " + byteOffset + ", after " + framesBefore + " good frame"
                + (framesBefore == 1 ? "" : "s") + ")");
        this.source = source;
        this.byteOffset = byteOffset;
        this.framesBefore = framesBefore;
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
}
