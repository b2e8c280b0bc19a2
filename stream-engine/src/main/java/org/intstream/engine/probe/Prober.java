package org.intstream.engine.probe;

/** Runs one kind of probe; called from the scheduler's workers, so it must be safe to call concurrently. */
public interface Prober {
    /** Probes once and waits for the answer, for at most the task's timeout (and a little to clean up). */
    ProbeResult probe(ProbeTask task);
}
