package org.intstream.engine.source;

import java.io.IOException;

/**
 * Pull access to a capture file, one frame at a time, so several traces can be merged in time order.
 * Implementations reuse one buffer: a frame is valid until the next call.
 */
public interface TraceReader extends PacketSource {

    /**
     * Reads the next frame into {@code frame}.
     *
     * @return false at the end of the trace
     * @throws TraceFormatException at damaged input; frames before it were all returned
     */
    boolean next(RawFrame frame) throws IOException;

    @Override
    default void run(FrameHandler handler) throws IOException {
        RawFrame frame = new RawFrame();
        while (!stopRequested() && next(frame)) {
            handler.onFrame(frame);
        }
    }

    /** True once {@link #stop()} was called. */
    boolean stopRequested();

    /** Stamps every frame read from now on with this observation point id. */
    void setPoint(int point);
}
