package org.intstream.engine.exec.rel;

import org.intstream.engine.exec.WindowBatch;

/** Finds another query output's rows for the same window (for joins and unions). */
public interface BatchLookup {
    /** The batch of {@code output} for the window starting at {@code start}, or null when it had none. */
    WindowBatch lookup(String output, long start);
}
