package org.intstream.engine.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Running counters of a source. Capture drops are the capture layer's own figures (libpcap's
 * {@code ps_drop} and {@code ps_ifdrop}); they are reported with every partial result so a window
 * computed over a lossy capture says so.
 */
public final class SourceStats {
    private volatile long frames;
    private volatile long bytes;
    private volatile long droppedByCapture;
    private volatile long droppedByInterface;
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    public void countFrame(int wireLen) {
        frames++;
        bytes += wireLen;
    }

    /** Adds a batch of frames at once, so a fast reader need not touch these volatile fields per frame. */
    public void countFrames(long frameCount, long byteCount) {
        frames += frameCount;
        bytes += byteCount;
    }

    public void setDrops(long byCapture, long byInterface) {
        this.droppedByCapture = byCapture;
        this.droppedByInterface = byInterface;
    }

    public void warn(String warning) {
        warnings.add(warning);
    }

    public long frames() {
        return frames;
    }

    public long bytes() {
        return bytes;
    }

    public long droppedByCapture() {
        return droppedByCapture;
    }

    public long droppedByInterface() {
        return droppedByInterface;
    }

    public List<String> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }
}
