package org.intstream.agent.capture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.intstream.engine.source.FrameHandler;
import org.intstream.engine.source.RawFrame;

/** Keeps a copy of every frame a source delivers (a {@link RawFrame} is only valid during the callback). */
final class FrameCollector implements FrameHandler {

    /** A frame copied out of the source's reused buffer. */
    static final class Frame {
        final byte[] bytes;
        final int wireLen;
        final long tsMicros;
        final int linkType;
        final int point;
        final int dir;
        final long index;

        Frame(RawFrame f) {
            this.bytes = Arrays.copyOfRange(f.data, f.offset, f.offset + f.capLen);
            this.wireLen = f.wireLen;
            this.tsMicros = f.tsMicros;
            this.linkType = f.linkType;
            this.point = f.point;
            this.dir = f.dir;
            this.index = f.index;
        }

        int capLen() {
            return bytes.length;
        }

        int u8(int at) {
            return bytes[at] & 0xFF;
        }

        int u16(int at) {
            return (u8(at) << 8) | u8(at + 1);
        }

        long u32(int at) {
            return ((long) u16(at) << 16) | u16(at + 2);
        }
    }

    private final List<Frame> frames = new ArrayList<>();

    @Override
    public synchronized void onFrame(RawFrame frame) {
        frames.add(new Frame(frame));
        notifyAll();
    }

    synchronized List<Frame> frames() {
        return List.copyOf(frames);
    }

    synchronized int size() {
        return frames.size();
    }

    /** Waits until at least {@code count} frames arrived or {@code millis} passed; returns the count. */
    synchronized int awaitAtLeast(int count, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (frames.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000L));
        }
        return frames.size();
    }
}
