package org.intstream.query.function;

/** The running state of one aggregate for one group of one window. */
public interface Accumulator {

    /** Adds one tuple's argument values (never absent unless the function accepts absent values). */
    void add(Object[] arguments);

    /** Folds another accumulator of the same function into this one (partial results from other points). */
    void merge(Accumulator other);

    /** The aggregate's value; null for absent (e.g. the max of nothing). */
    Object result();
}
