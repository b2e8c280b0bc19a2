package org.intstream.engine.aggregate;

import org.intstream.engine.eval.ConditionalEvaluator;
import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.record.Record;

/**
 * The state of one aggregate call for every group of a window, indexed by the group's dense id, so the
 * common aggregates keep primitive arrays and update without allocating.
 */
public abstract class AggColumn {

    /** Adds one record to group {@code id} (which exists: ids grow one at a time). */
    public abstract void add(int id, Record r);

    /**
     * True when some records leave every group of this column as it was (a {@code countif} whose condition is
     * false, an aggregate of an {@code if} without else where it is absent): see {@link #changes}.
     */
    public boolean mayIgnore() {
        return false;
    }

    /** Whether {@link #add} would change a group with this record (always true when not {@link #mayIgnore}). */
    public boolean changes(Record r) {
        return true;
    }

    /** True for an argument that is absent for some records by construction: {@code if(c, x)} without else. */
    static boolean absentSometimes(Evaluator argument) {
        return argument instanceof ConditionalEvaluator && ((ConditionalEvaluator) argument).absentOtherwise();
    }

    /** Makes room for ids below {@code capacity}, new groups starting empty. */
    public abstract void ensureCapacity(int capacity);

    /** The aggregate of group {@code id}, boxed; null when absent (e.g. the max of no values). */
    public abstract Object result(int id);

    /** Empties the first {@code size} groups for the next window. */
    public abstract void clear(int size);

    /** When this window's values are estimates (the column ran out of exact room): why; else null. */
    public String approximationNote() {
        return null;
    }
}
