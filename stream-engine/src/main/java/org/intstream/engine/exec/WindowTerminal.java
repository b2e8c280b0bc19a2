package org.intstream.engine.exec;

import org.intstream.engine.record.Record;

/**
 * The last per-record step of a pipeline for one window: it keeps the window's state (groups, a sketch,
 * rows) and turns it into the window's rows when the window closes. Instances are reused window after
 * window.
 */
public interface WindowTerminal {

    /** Adds a record that fell into this window and passed every filter. */
    void add(Record r);

    /** The window's rows; afterwards the terminal is empty and ready for another window. */
    WindowBatch finish(long start, long end);
}
