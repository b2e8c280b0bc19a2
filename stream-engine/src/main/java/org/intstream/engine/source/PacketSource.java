package org.intstream.engine.source;

import java.io.IOException;

/**
 * Where packets come from: a capture file being replayed or a live interface. A source pushes frames to a
 * handler; a file source also offers pull access through {@link TraceReader}.
 *
 * <p>Damage in the input never hides the packets before it: every valid frame before the damage is
 * delivered first, then {@link #run} throws a {@link TraceFormatException} that says what and where.
 */
public interface PacketSource extends AutoCloseable {

    /** A name for messages and for the observation point of a replayed trace. */
    String name();

    /**
     * Delivers frames to {@code handler} until the source is exhausted or {@link #stop()} is called.
     *
     * @throws TraceFormatException when the input is damaged, after delivering every frame before it
     * @throws IOException when reading fails
     */
    void run(FrameHandler handler) throws IOException;

    /** Asks a running source to return from {@link #run} soon; safe from any thread. */
    void stop();

    /** Counters so far: frames, bytes, drops reported by the capture layer, warnings. */
    SourceStats stats();

    @Override
    void close() throws IOException;
}
