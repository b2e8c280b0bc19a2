package org.intstream.engine.aggregate;

import org.intstream.engine.record.Record;

/** Decides, within one window, whether a record's tuple is seen for the first time ({@code distinct}). */
public interface DistinctFilter {

    /** True when the record's tuple was not seen before in this window (it is then remembered). */
    boolean firstTime(Record r);

    /** When some answers may be wrong (a sketch took over): why, and how likely; else null. */
    String approximationNote();

    /** Forgets every tuple, for the next window. */
    void clear();
}
