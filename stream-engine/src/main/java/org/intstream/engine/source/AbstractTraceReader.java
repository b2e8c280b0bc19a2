package org.intstream.engine.source;

import java.io.IOException;

/**
 * What the pcap and pcapng readers share: the input window, frame numbering, stop requests, batched
 * statistics, and the rule that damage is reported once every good frame before it was returned, and
 * is then reported again on every later call (the reader never skips ahead past damage).
 */
abstract class AbstractTraceReader implements TraceReader {
    /** Frames counted locally before being published to {@link SourceStats}, whose fields are volatile. */
    private static final int STATS_BATCH = 4096;

    final TraceInput input;
    private final SourceStats stats = new SourceStats();
    private volatile boolean stopRequested;
    private long frames;
    private long unpublishedFrames;
    private long unpublishedBytes;
    private TraceFormatException failure;
    private int point;

    AbstractTraceReader(TraceInput input) {
        this.input = input;
    }

    /** Reads the file header; called once by the factories, which close the input when it fails. */
    abstract void readHeader() throws IOException;

    /** Reads one frame into {@code frame} (data, lengths, timestamp, link type, direction). */
    abstract boolean readFrame(RawFrame frame) throws IOException;

    @Override
    public final boolean next(RawFrame frame) throws IOException {
        if (failure != null) {
            throw failure;
        }
        try {
            if (!readFrame(frame)) {
                publishStats();
                return false;
            }
        } catch (TraceFormatException e) {
            failure = e;
            publishStats();
            throw failure;
        }
        frame.point = point;
        frame.index = ++frames;
        unpublishedBytes += frame.wireLen;
        if (++unpublishedFrames == STATS_BATCH) {
            publishStats();
        }
        return true;
    }

    private void publishStats() {
        stats.countFrames(unpublishedFrames, unpublishedBytes);
        unpublishedFrames = 0;
        unpublishedBytes = 0;
    }

    /** Makes {@code n} bytes available at the input's position; false if the trace ends first. */
    final boolean ensure(int n) throws IOException {
        try {
            return input.ensure(n);
        } catch (TraceFormatException e) {
            // The input does not know how many frames were returned; restate its error with the count.
            throw e.framesBefore() == TraceInput.UNKNOWN_FRAMES ? damage(e.kind(), e.byteOffset(), e.reason()) : e;
        }
    }

    /** An error at trace offset {@code offset}, counting the frames returned so far. */
    final TraceFormatException damage(TraceFormatException.Kind kind, long offset, String reason) {
        return new TraceFormatException(kind, input.name, offset, frames, reason);
    }

    /** Frames returned so far. */
    public final long framesRead() {
        return frames;
    }

    /** Observation point id stamped on every frame (see {@link org.intstream.engine.packet.PointTable}). */
    public final void setPoint(int point) {
        this.point = point;
    }

    @Override
    public final String name() {
        return input.name;
    }

    @Override
    public final void stop() {
        stopRequested = true;
    }

    @Override
    public final boolean stopRequested() {
        return stopRequested;
    }

    /** Counters; while frames are being read they trail the reader by at most a few thousand frames. */
    @Override
    public final SourceStats stats() {
        return stats;
    }

    @Override
    public final void close() throws IOException {
        publishStats();
        input.close();
    }
}
