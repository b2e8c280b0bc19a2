package org.intstream.query.cql;

import java.util.Objects;
import org.intstream.query.SourcePosition;
import org.intstream.query.plan.LogicalPlan;
import org.intstream.query.plan.Schema;

/**
 * One CQL statement, named ({@code Load: Select …}) or not: its logical plan, the columns it produces, and
 * whether later statements read it as a stream or as a relation.
 */
public final class CqlStatement {
    private final String name;
    private final LogicalPlan plan;
    private final Schema schema;
    private final boolean stream;
    private final String text;
    private final SourcePosition position;

    public CqlStatement(String name, LogicalPlan plan, Schema schema, boolean stream, String text,
            SourcePosition position) {
        this.name = Objects.requireNonNull(name, "statement name can't be null");
        this.plan = Objects.requireNonNull(plan, "plan can't be null");
        this.schema = Objects.requireNonNull(schema, "schema can't be null");
        this.stream = stream;
        this.text = text;
        this.position = position;
    }

    /** The statement's name, or {@code q1}, {@code q2}, … for unnamed ones. */
    public String name() {
        return name;
    }

    public LogicalPlan plan() {
        return plan;
    }

    public Schema schema() {
        return schema;
    }

    /** True when the statement is a stream (Istream/Dstream/Rstream, or instantaneous over [Now]). */
    public boolean isStream() {
        return stream;
    }

    /** The statement as written. */
    public String text() {
        return text;
    }

    public SourcePosition position() {
        return position;
    }

    @Override
    public String toString() {
        return name + (stream ? " (stream)" : " (relation)") + ": " + schema + "\n" + plan;
    }
}
