package org.intstream.agent.stream;

import java.io.IOException;
import java.nio.file.Path;
import org.intstream.engine.source.TraceReader;
import org.intstream.engine.source.TraceReaders;

/**
 * Replays a capture file through an {@link AgentStreamer}'s local stages, then reports the last windows. Every
 * stage's clock follows the trace, so the windows of a stage fed few of its packets close with the others'.
 */
public final class TraceStreaming {
    private TraceStreaming() {
    }

    /**
     * Replays the whole trace and finishes the stages.
     *
     * @return the number of frames replayed
     * @throws IOException when the trace can't be read; the frames before a damage were replayed
     */
    public static long replay(Path trace, AgentStreamer streamer) throws IOException {
        long[] frames = {0};
        try (TraceReader reader = TraceReaders.open(trace)) {
            reader.run(f -> {
                frames[0]++;
                streamer.onFrame(f);
                streamer.advanceTime(f.tsMicros);
            });
        } finally {
            streamer.finish();
        }
        return frames[0];
    }
}
