package org.intstream.agent.stream;

import java.time.Instant;
import java.util.function.Consumer;
import org.intstream.agent.capture.CaptureDirection;
import org.intstream.agent.capture.CaptureOptions;
import org.intstream.agent.capture.LiveCaptureSource;
import org.intstream.engine.packet.PointTable;

/**
 * Feeds an {@link AgentStreamer} from a live interface: the packets this host sends (each packet is counted
 * at its sender's agent, DESIGN.md "Placement"), minus the agent's own API, probe and controller traffic,
 * and a clock tick when the interface is quiet so windows still close. The tick trails the wall clock a
 * little so packets still in the capture buffer don't arrive after their window closed.
 */
public final class LiveStreaming implements AutoCloseable {
    /** How far the idle clock trails real time. */
    private static final long TICK_LAG_MICROS = 500_000;
    private static final long TICK_MILLIS = 200;

    private final LiveCaptureSource source;
    private final Thread capture;
    private final Thread ticker;
    private volatile boolean closed;

    /**
     * Opens the capture and starts its threads.
     *
     * @param ownTrafficFilter a BPF expression that leaves out the agent's own traffic (output direction)
     * @throws java.io.IOException when the interface can't be captured (a CaptureException saying why)
     */
    public LiveStreaming(String iface, String ownTrafficFilter, int controllerPort, AgentStreamer streamer,
            Consumer<String> log) throws java.io.IOException {
        CaptureOptions options = CaptureOptions.DEFAULTS.withSnaplen(256).withDirection(CaptureDirection.OUT)
                .withFilter("(" + ownTrafficFilter + ") and not (tcp port " + controllerPort + ")");
        this.source = new LiveCaptureSource(iface, options, new PointTable(), "agent/" + iface + "/out");
        this.capture = new Thread(() -> {
            try {
                source.run(streamer::onFrame);
            } catch (java.io.IOException | RuntimeException e) {
                if (!closed) {
                    log.accept("capture of " + iface + " for the local stages stopped: " + e.getMessage());
                }
            }
        }, "stream-capture-" + iface);
        this.ticker = new Thread(() -> {
            while (!closed) {
                Instant now = Instant.now();
                streamer.advanceTime(now.getEpochSecond() * 1_000_000L + now.getNano() / 1000 - TICK_LAG_MICROS);
                try {
                    Thread.sleep(TICK_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "stream-clock-" + iface);
        capture.setDaemon(true);
        ticker.setDaemon(true);
        capture.start();
        ticker.start();
    }

    /** Libpcap's drops so far, for the partials' capture_drops. */
    public long drops() {
        source.readCaptureCounters();
        return source.stats().droppedByCapture() + source.stats().droppedByInterface();
    }

    /** The instant from which this capture sees every packet, microseconds since the epoch. */
    public static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    @Override
    public void close() {
        closed = true;
        source.stop();
        ticker.interrupt();
        source.close();
        try {
            capture.join(5000);
            ticker.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
