package org.intstream.engine.exec;

/** Receives every output batch of the queries an engine runs, in the order the engine closes them. */
public interface ResultSink {

    void onBatch(OutputInfo output, WindowBatch batch);

    /** The input ended and every window was closed. */
    default void onFinish() {
    }
}
