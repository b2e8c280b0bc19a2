package org.intstream.standalone.server;

import java.util.List;
import org.intstream.controller.query.DeployedQuery;
import org.intstream.query.QueryDefinition;
import org.intstream.query.QueryException;
import org.intstream.query.dsl.DslParser;
import org.intstream.query.partition.SwitchStageExtractor;

/**
 * Where a running query runs, as text for the REST API and the dashboard: the split into local and global
 * stages ({@code intstream explain}'s distributed plan) and the part a switch slot could run, or why none.
 */
final class QueryPlacement {
    private QueryPlacement() {
    }

    /** The distributed plan: mode, observation points, notes, local and global stage. */
    static String explain(DeployedQuery q) {
        return q.plan().toString();
    }

    /** The switch stage in one paragraph (filter, key, count, threshold), or why the hosts run all of it. */
    static String switchStage(DeployedQuery q) {
        try {
            List<QueryDefinition> defs = DslParser.parse(q.text());
            return SwitchStageExtractor.extract(defs.get(0), q.parameters()).toString().strip();
        } catch (QueryException e) {
            return "none; the hosts run all of it: " + e.getMessage();
        }
    }
}
