package org.intstream.engine.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.intstream.engine.exec.Engine;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.query.plan.ProbeSpec;

/**
 * Runs the probes an engine's queries read and hands their rows to the engine on the thread that owns it.
 * Each target is probed at the multiples of its interval since the epoch (so agents probe in step), on worker
 * threads, at most one probe per target at a time (a probe still waiting when the next is due skips that
 * turn). A row is stamped with the instant its probe started.
 *
 * <p>A scheduler nobody drains for {@link #IDLE_STOP_MICROS} stops by itself: the stage that read it is gone.
 *
 * <p>{@link #drainInto} gives the engine every finished row and then moves each probe stream's watermark to
 * the start of its oldest probe still running (or now), so a window closes only when every probe begun in it
 * has answered or timed out.
 */
public final class ProbeScheduler implements AutoCloseable {
    /** Probes of one host running at once, across queries. */
    private static final int WORKERS = 32;
    /** A scheduler whose rows nobody has taken for this long stops probing (its query is gone). */
    static final long IDLE_STOP_MICROS = 30_000_000;

    private final Probers probers;
    private final LongSupplier clockMicros;
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final Object lock = new Object();
    private final Map<String, TreeMap<Long, Integer>> running = new LinkedHashMap<>();
    private final ConcurrentLinkedQueue<Finished> finished = new ConcurrentLinkedQueue<>();
    private final Map<String, List<ProbeTask>> tasks = new LinkedHashMap<>();
    private volatile boolean closed;
    private volatile long lastDrain;

    private static final class Finished {
        final String stream;
        final long start;
        final Object[] row;

        Finished(String stream, long start, Object[] row) {
            this.stream = stream;
            this.start = start;
            this.row = row;
        }
    }

    /**
     * Starts probing for every probe the engine's queries read.
     *
     * @param clockMicros wall-clock time in microseconds since the epoch
     * @throws IllegalArgumentException when a probe's kind has no prober on this host
     */
    public ProbeScheduler(Map<String, ProbeSpec> probes, Probers probers, FunctionRegistry functions,
            LongSupplier clockMicros) {
        this.probers = probers;
        this.clockMicros = clockMicros;
        for (Map.Entry<String, ProbeSpec> e : probes.entrySet()) {
            probers.forKind(e.getValue().kind());
            tasks.put(e.getKey(), ProbeTasks.of(e.getValue(), functions));
            running.put(e.getKey(), new TreeMap<>());
        }
        this.lastDrain = clockMicros.getAsLong();
        this.timer = Executors.newSingleThreadScheduledExecutor(daemons("probe-timer"));
        this.workers = Executors.newFixedThreadPool(WORKERS, daemons("probe-worker"));
        long now = clockMicros.getAsLong();
        for (Map.Entry<String, List<ProbeTask>> e : tasks.entrySet()) {
            for (ProbeTask t : e.getValue()) {
                schedule(e.getKey(), t, Math.floorDiv(now, t.everyMicros()) * t.everyMicros() + t.everyMicros(),
                        new AtomicBoolean());
            }
        }
    }

    public static long wallClockMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The tasks of every probe stream, for messages and tests. */
    public Map<String, List<ProbeTask>> tasks() {
        return tasks;
    }

    private void schedule(String stream, ProbeTask task, long dueMicros, AtomicBoolean busy) {
        if (closed) {
            return;
        }
        long delay = Math.max(0, dueMicros - clockMicros.getAsLong());
        try {
            timer.schedule(() -> {
                if (clockMicros.getAsLong() - lastDrain > IDLE_STOP_MICROS) {
                    closed = true;
                    workers.shutdown();
                    return;
                }
                if (!busy.get()) {
                    start(stream, task, busy);
                }
                long next = dueMicros + task.everyMicros();
                long now = clockMicros.getAsLong();
                if (next <= now) {
                    // The timer fell behind: skip the turns already past.
                    next = (Math.floorDiv(now, task.everyMicros()) + 1) * task.everyMicros();
                }
                schedule(stream, task, next, busy);
            }, delay, TimeUnit.MICROSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Closed meanwhile.
        }
    }

    private void start(String stream, ProbeTask task, AtomicBoolean busy) {
        long start;
        synchronized (lock) {
            if (closed) {
                return;
            }
            // Stamped under the lock that the watermark is read under: a probe is never older than a watermark.
            start = clockMicros.getAsLong();
            running.get(stream).merge(start, 1, Integer::sum);
        }
        busy.set(true);
        try {
            workers.execute(() -> {
                ProbeResult r;
                try {
                    r = probers.forKind(task.kind()).probe(task);
                } catch (RuntimeException e) {
                    r = ProbeResult.lost(null, "probe failed: " + e);
                }
                finished.add(new Finished(stream, start, ProbeRows.row(start, probers.origin(), task, r)));
                synchronized (lock) {
                    running.get(stream).computeIfPresent(start, (k, n) -> n == 1 ? null : n - 1);
                }
                busy.set(false);
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            synchronized (lock) {
                running.get(stream).computeIfPresent(start, (k, n) -> n == 1 ? null : n - 1);
            }
            busy.set(false);
        }
    }

    /**
     * Feeds the finished probes' rows to the engine and moves each probe stream's time on. Call it from the
     * engine's thread.
     *
     * @return the lowest watermark given (now when nothing is running): windows ending by it are closed
     */
    public long drainInto(Engine engine) {
        Map<String, Long> watermarks = new LinkedHashMap<>();
        long lowest;
        lastDrain = clockMicros.getAsLong();
        // The watermarks first: a probe that ends after this read was running, so it is not older than them.
        synchronized (lock) {
            long now = clockMicros.getAsLong();
            lowest = now;
            for (Map.Entry<String, TreeMap<Long, Integer>> e : running.entrySet()) {
                long w = e.getValue().isEmpty() ? now : e.getValue().firstKey();
                watermarks.put(e.getKey(), w);
                lowest = Math.min(lowest, w);
            }
        }
        List<Finished> rows = new ArrayList<>();
        for (Finished f; (f = finished.poll()) != null; ) {
            rows.add(f);
        }
        for (Finished f : rows) {
            engine.onInputRow(f.stream, f.start, f.row);
        }
        watermarks.forEach(engine::advanceInput);
        return lowest;
    }

    /** Probes still waiting for an answer. */
    public int running() {
        synchronized (lock) {
            int n = 0;
            for (TreeMap<Long, Integer> m : running.values()) {
                for (int c : m.values()) {
                    n += c;
                }
            }
            return n;
        }
    }

    /** Starts no more probes and waits (up to the given time) for those running to answer or time out. */
    public void stop(long waitMillis) {
        closed = true;
        timer.shutdownNow();
        workers.shutdown();
        try {
            workers.awaitTermination(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(0);
        workers.shutdownNow();
    }
}
