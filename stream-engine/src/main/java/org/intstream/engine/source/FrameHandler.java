package org.intstream.engine.source;

/** Receives the frames of a {@link PacketSource}, one call per frame, on the source's thread. */
@FunctionalInterface
public interface FrameHandler {
    void onFrame(RawFrame frame);
}
