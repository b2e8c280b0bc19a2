package org.intstream.engine.exec;

import org.intstream.query.plan.Schema;

/** Which query output a batch belongs to and what its columns are. */
public final class OutputInfo {
    private final String query;
    private final String output;
    private final Schema schema;
    private final boolean windowed;

    public OutputInfo(String query, String output, Schema schema, boolean windowed) {
        this.query = query;
        this.output = output;
        this.schema = schema;
        this.windowed = windowed;
    }

    /** The query's name. */
    public String query() {
        return query;
    }

    /** The output's name: the query's name, or {@code query.branch} for a split's side output. */
    public String output() {
        return output;
    }

    public Schema schema() {
        return schema;
    }

    /** False for a stream of tuples with no window (rows carry their own time). */
    public boolean windowed() {
        return windowed;
    }
}
