package org.intstream.engine.exec;

import org.intstream.engine.record.Record;

/**
 * The last per-record step of a pipeline for one window: it keeps the window's state (groups, a sketch,
 * rows) and turns it into the window's rows when the window closes. Instances are reused window after
 * window. A class, not an interface: every packet calls {@link #add} on each query's terminal from one call
 * site, and a virtual call there costs less than an interface call.
 */
public abstract class WindowTerminal {

    /** Adds a record that fell into this window and passed every filter. */
    public abstract void add(Record r);

    /** The window's rows; afterwards the terminal is empty and ready for another window. */
    public abstract WindowBatch finish(long start, long end);
}
