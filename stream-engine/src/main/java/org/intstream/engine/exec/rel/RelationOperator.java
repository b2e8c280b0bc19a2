package org.intstream.engine.exec.rel;

import org.intstream.engine.exec.WindowBatch;

/** One relational step applied to each closed window's rows (after the per-record stage). */
public interface RelationOperator {
    WindowBatch apply(WindowBatch in);
}
