package org.intstream.agent.stream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.intstream.agent.capture.CaptureDirection;
import org.intstream.agent.capture.CaptureOptions;
import org.intstream.agent.capture.LiveCaptureSource;
import org.intstream.engine.packet.PointTable;

/**
 * Feeds an {@link AgentStreamer} from a live interface: the packets this host sends and those it receives, each
 * from its own capture so every frame carries its direction (the streamer gives each local stage the side its
 * observation point needs), minus the agent's own API, probe and controller traffic, and a clock tick when the
 * interface is quiet so windows still close. The tick trails the wall clock a little so packets still in a
 * capture buffer don't arrive after their window closed.
 */
public final class LiveStreaming implements AutoCloseable {
    /** How far the idle clock trails real time. */
    private static final long TICK_LAG_MICROS = 500_000;
    private static final long TICK_MILLIS = 200;
    private static final List<CaptureDirection> DIRECTIONS = List.of(CaptureDirection.OUT, CaptureDirection.IN);

    private final List<LiveCaptureSource> sources = new ArrayList<>();
    private final List<Thread> captures = new ArrayList<>();
    private final Thread ticker;
    private volatile boolean closed;

    /**
     * Opens both captures and starts their threads.
     *
     * @param ownTrafficFilter per direction, a BPF expression that leaves out the agent's own traffic
     *     ({@code OwnTrafficFilter.forDirection})
     * @throws java.io.IOException when the interface can't be captured (a CaptureException saying why)
     */
    public LiveStreaming(String iface, Function<CaptureDirection, String> ownTrafficFilter, int controllerPort,
            AgentStreamer streamer, Consumer<String> log) throws java.io.IOException {
        this(iface, ownTrafficFilter, controllerPort, -1, streamer, log);
    }

    /**
     * As above, also leaving out the overlay tree's children's streams to {@code treePort} (-1: no children).
     */
    public LiveStreaming(String iface, Function<CaptureDirection, String> ownTrafficFilter, int controllerPort,
            int treePort, AgentStreamer streamer, Consumer<String> log) throws java.io.IOException {
        String streams = "tcp port " + controllerPort + (treePort > 0 ? " or tcp port " + treePort : "");
        try {
            for (CaptureDirection direction : DIRECTIONS) {
                CaptureOptions options = CaptureOptions.DEFAULTS.withSnaplen(256).withDirection(direction)
                        .withFilter("(" + ownTrafficFilter.apply(direction) + ") and not (" + streams + ")");
                String tag = direction.name().toLowerCase(java.util.Locale.ROOT);
                sources.add(new LiveCaptureSource(iface, options, new PointTable(), "agent/" + iface + "/" + tag));
            }
        } catch (java.io.IOException | RuntimeException e) {
            sources.forEach(LiveCaptureSource::close);
            throw e;
        }
        for (int i = 0; i < sources.size(); i++) {
            LiveCaptureSource source = sources.get(i);
            String tag = DIRECTIONS.get(i).name().toLowerCase(java.util.Locale.ROOT);
            Thread capture = new Thread(() -> {
                try {
                    source.run(streamer::onFrame);
                } catch (java.io.IOException | RuntimeException e) {
                    if (!closed) {
                        log.accept("capture of " + iface + " for the local stages stopped: " + e.getMessage());
                    }
                }
            }, "stream-capture-" + iface + "-" + tag);
            capture.setDaemon(true);
            captures.add(capture);
        }
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
        ticker.setDaemon(true);
        captures.forEach(Thread::start);
        ticker.start();
    }

    /** Libpcap's drops so far, for the partials' capture_drops. */
    public long drops() {
        long drops = 0;
        for (LiveCaptureSource source : sources) {
            source.readCaptureCounters();
            drops += source.stats().droppedByCapture() + source.stats().droppedByInterface();
        }
        return drops;
    }

    /** The instant from which this capture sees every packet, microseconds since the epoch. */
    public static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    @Override
    public void close() {
        closed = true;
        sources.forEach(LiveCaptureSource::stop);
        ticker.interrupt();
        sources.forEach(LiveCaptureSource::close);
        try {
            for (Thread capture : captures) {
                capture.join(5000);
            }
            ticker.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
