package org.intstream.standalone.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.intstream.controller.dataplane.SwitchRuntime;

/**
 * Moves a replaying switch's clock from epoch boundary to epoch boundary, each time after the epoch's
 * reports have reached the controller and before going on until its counters have been read: the switch
 * keeps two halves of counters by epoch parity, so an epoch must be read before the next one of the same
 * parity starts.
 */
final class SwitchPacer {
    private final SwitchRuntime sw;
    private final AtomicLong clock;
    private final Map<String, Long> windows;
    private final Map<String, Long> installEpochs = new LinkedHashMap<>();
    private final Runnable tick;

    /**
     * @param windows the window (µs) of each query running on the switch
     * @param installMicros the switch clock when the queries were installed
     * @param tick reads the ended epochs now (the controller's timer would, a little later)
     */
    SwitchPacer(SwitchRuntime sw, AtomicLong clock, Map<String, Long> windows, long installMicros, Runnable tick) {
        this.sw = sw;
        this.clock = clock;
        this.windows = windows;
        this.tick = tick;
        for (Map.Entry<String, Long> w : windows.entrySet()) {
            installEpochs.put(w.getKey(), Math.floorDiv(installMicros, w.getValue()));
        }
    }

    /** Closes every epoch that ends at or before {@code micros}; {@code reportsSent} so far by the switch. */
    void advanceTo(long micros, long reportsSent) throws InterruptedException {
        while (!windows.isEmpty()) {
            long next = Long.MAX_VALUE;
            for (long w : windows.values()) {
                next = Math.min(next, (Math.floorDiv(clock.get(), w) + 1) * w);
            }
            if (next > micros) {
                return;
            }
            PipelineDemo.await("the switch's reports to reach the controller", () -> sw.reports() >= reportsSent);
            clock.set(next);
            long expected = 0;
            for (String q : windows.keySet()) {
                expected += epochsRead(q);
            }
            long want = expected;
            PipelineDemo.await("the switch's counters to be read", () -> {
                tick.run();
                return sw.epochsRead() >= want;
            });
        }
    }

    /** Closes the epochs of every query up to the end of the one holding {@code lastMicros}. */
    void finish(long lastMicros, long reportsSent) throws InterruptedException {
        long end = lastMicros;
        for (long w : windows.values()) {
            end = Math.max(end, (Math.floorDiv(lastMicros, w) + 1) * w);
        }
        advanceTo(end, reportsSent);
    }

    /** Epochs of the query the switch has ended so far (each read once). */
    long epochsRead(String query) {
        Long w = windows.get(query);
        return w == null ? 0 : Math.floorDiv(clock.get(), w) - installEpochs.get(query);
    }
}
