package org.intstream.engine.probe;

import org.intstream.query.plan.ProbeColumns;

/** A probe's result as a row of {@link ProbeColumns} (null for absent). */
public final class ProbeRows {
    private ProbeRows() {
    }

    public static Object[] row(long startMicros, String origin, ProbeTask task, ProbeResult r) {
        return new Object[] {
            startMicros,
            task.kind().column(),
            origin,
            r.target(),
            task.port() == 0 ? null : (long) task.port(),
            r.rttMicros(),
            r.bandwidthBps(),
            r.bytes(),
            r.lost(),
            r.error()
        };
    }
}
