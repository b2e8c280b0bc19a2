package org.intstream.agent.capture;

import java.time.Duration;

import org.intstream.engine.source.FrameHandler;
import org.intstream.engine.source.PacketSource;

/** Runs a source's {@link PacketSource#run} on its own thread and keeps what it threw. */
final class CaptureThread {
    private final PacketSource source;
    private final Thread thread;
    private volatile Throwable failure;

    private CaptureThread(PacketSource source, FrameHandler handler) {
        this.source = source;
        this.thread = new Thread(() -> {
            try {
                source.run(handler);
            } catch (Throwable t) {
                failure = t;
            }
        }, "capture-" + source.name());
        thread.setDaemon(true);
    }

    static CaptureThread start(PacketSource source, FrameHandler handler) {
        CaptureThread capture = new CaptureThread(source, handler);
        capture.thread.start();
        return capture;
    }

    /** Calls stop() and waits for run() to return; returns how long that took, or throws if it did not. */
    Duration stopAndJoin(Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        source.stop();
        thread.join(limit.toMillis());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (thread.isAlive()) {
            throw new AssertionError("run() of " + source.name() + " still running " + limit + " after stop()");
        }
        return took;
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    void join(Duration limit) throws InterruptedException {
        thread.join(limit.toMillis());
    }

    /** What run() threw, or null. */
    Throwable failure() {
        return failure;
    }
}
