package org.intstream.engine.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Replays one or several traces into a frame handler in timestamp order (several traces are merged, so
 * captures of different links interleave as they happened). A damaged trace stops contributing at the
 * damage; the others go on, and every problem is reported at the end: a trace cut off mid-record (a
 * capture that was killed) as a warning, any other damage as an error.
 */
public final class TraceReplay {

    /** What went wrong in one trace. */
    public static final class Problem {
        private final TraceFormatException error;

        Problem(TraceFormatException error) {
            this.error = error;
        }

        public TraceFormatException error() {
            return error;
        }

        /** A trace that just ends mid-record: every complete packet was read. */
        public boolean isTruncation() {
            return error.isTruncation();
        }

        @Override
        public String toString() {
            return error.getMessage();
        }
    }

    /** Called now and then during a long replay. */
    public interface Progress {
        void update(long frames, long lastTimestampMicros);
    }

    private final List<TraceReader> readers;
    private final List<Problem> problems = new ArrayList<>();
    private Progress progress;
    private long progressEvery = 1_000_000;
    private volatile boolean stopped;

    public TraceReplay(List<TraceReader> readers) {
        this.readers = List.copyOf(readers);
    }

    public TraceReplay withProgress(Progress p, long everyFrames) {
        this.progress = p;
        this.progressEvery = everyFrames;
        return this;
    }

    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    public void stop() {
        stopped = true;
    }

    /** Replays everything; returns the number of frames delivered. */
    public long run(FrameHandler handler) throws IOException {
        return readers.size() == 1 ? runOne(readers.get(0), handler) : runMerged(handler);
    }

    private long runOne(TraceReader reader, FrameHandler handler) throws IOException {
        RawFrame frame = new RawFrame();
        long n = 0;
        while (!stopped) {
            if (!next(reader, frame)) {
                break;
            }
            handler.onFrame(frame);
            if (++n % progressEvery == 0 && progress != null) {
                progress.update(n, frame.tsMicros);
            }
        }
        return n;
    }

    /** One reader's next frame, or false at its end or damage (recorded). */
    private boolean next(TraceReader reader, RawFrame frame) throws IOException {
        try {
            return reader.next(frame);
        } catch (TraceFormatException e) {
            problems.add(new Problem(e));
            return false;
        }
    }

    private long runMerged(FrameHandler handler) throws IOException {
        PriorityQueue<Head> heads = new PriorityQueue<>();
        for (int i = 0; i < readers.size(); i++) {
            Head h = new Head(readers.get(i), i);
            if (next(h.reader, h.frame)) {
                heads.add(h);
            }
        }
        long n = 0;
        while (!heads.isEmpty() && !stopped) {
            Head h = heads.poll();
            handler.onFrame(h.frame);
            if (++n % progressEvery == 0 && progress != null) {
                progress.update(n, h.frame.tsMicros);
            }
            if (next(h.reader, h.frame)) {
                heads.add(h);
            }
        }
        return n;
    }

    /** A reader and its current frame, ordered by time then by reader (stable merge). */
    private static final class Head implements Comparable<Head> {
        final TraceReader reader;
        final int order;
        final RawFrame frame = new RawFrame();

        Head(TraceReader reader, int order) {
            this.reader = reader;
            this.order = order;
        }

        @Override
        public int compareTo(Head o) {
            int c = Long.compare(frame.tsMicros, o.frame.tsMicros);
            return c != 0 ? c : Integer.compare(order, o.order);
        }
    }
}
