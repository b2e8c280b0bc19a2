package org.intstream.engine.cql;

import java.util.List;
import org.intstream.query.plan.Schema;

/** Receives what CQL statements output, instant by instant (docs/cql.md, "Output"). */
public interface CqlSink {

    /**
     * Tuples a stream statement emitted at an instant, or the full value of a relation statement at an
     * instant where it changed ({@code stream} false; {@code rows} may be empty), or (final) a relation's
     * value at the trace's last packet.
     */
    void onRows(String statement, Schema schema, long instantMicros, boolean stream, boolean finalState,
            List<Object[]> rows);

    default void onFinish() {
    }
}
