package org.intstream.query.partition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.intstream.query.ParameterBinder;
import org.intstream.query.QueryDefinition;
import org.intstream.query.QueryException;
import org.intstream.query.dsl.DslParser;
import org.intstream.query.plan.LogicalPlan;
import org.intstream.query.plan.PlanKinds;
import org.intstream.query.plan.ScanNode;

/**
 * A query as submitted to the distributed runtime: one query, or one preceded by the queries whose output it
 * reads ({@code tcp_rtt} before {@code tcp_retransmission}), so that a join with their rows can run at the
 * observation points. The parameters bind every query that declares them. Immutable.
 */
public final class QueryWithReads {
    private final QueryDefinition query;
    private final LogicalPlan plan;
    private final Map<String, QueryDefinition> reads;
    private final Map<String, LogicalPlan> readPlans;

    private QueryWithReads(QueryDefinition query, LogicalPlan plan, Map<String, QueryDefinition> reads,
            Map<String, LogicalPlan> readPlans) {
        this.query = query;
        this.plan = plan;
        this.reads = reads;
        this.readPlans = readPlans;
    }

    /**
     * @throws QueryException when the text has no query, a query before the last is not read by it, or a
     *     parameter doesn't fit
     */
    public static QueryWithReads parse(String text, Map<String, String> parameters) {
        List<QueryDefinition> defs = DslParser.parse(text);
        if (defs.isEmpty()) {
            throw new QueryException(null, "submit one query, the text has none");
        }
        QueryDefinition q = defs.get(defs.size() - 1);
        Set<String> scanned = scannedStreams(q.plan());
        Map<String, QueryDefinition> reads = new LinkedHashMap<>();
        Map<String, LogicalPlan> readPlans = new LinkedHashMap<>();
        for (QueryDefinition d : defs.subList(0, defs.size() - 1)) {
            if (!scanned.contains(d.name())) {
                throw new QueryException(null, "submit one query at a time, not " + defs.size()
                        + " (a query before the last must be one it reads; '" + q.name() + "' does not read '"
                        + d.name() + "')");
            }
            reads.put(d.name(), d);
            readPlans.put(d.name(), ParameterBinder.bind(d, declaredBy(d, parameters)));
        }
        Set<String> unknown = new TreeSet<>(parameters.keySet());
        unknown.removeAll(declaredBy(q, parameters).keySet());
        for (QueryDefinition d : reads.values()) {
            unknown.removeAll(declaredBy(d, parameters).keySet());
        }
        // A parameter no query of the text declares is refused by binding the submitted query with it.
        LogicalPlan plan = ParameterBinder.bind(q, unknown.isEmpty() ? declaredBy(q, parameters) : parameters);
        return new QueryWithReads(q, plan, reads, readPlans);
    }

    private static Map<String, String> declaredBy(QueryDefinition q, Map<String, String> parameters) {
        Map<String, String> out = new LinkedHashMap<>();
        parameters.forEach((k, v) -> {
            if (q.parameter(k) != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static Set<String> scannedStreams(LogicalPlan plan) {
        Set<String> out = new TreeSet<>();
        for (LogicalPlan node : PlanKinds.postOrder(plan)) {
            if (node instanceof ScanNode && !((ScanNode) node).isPackets()) {
                out.add(((ScanNode) node).stream());
            }
        }
        return out;
    }

    /** The submitted query (the text's last). */
    public QueryDefinition query() {
        return query;
    }

    public String name() {
        return query.name();
    }

    /** The submitted query's plan, parameters bound. */
    public LogicalPlan plan() {
        return plan;
    }

    /** The queries it reads that the text gives, by name, in text order. */
    public Map<String, QueryDefinition> reads() {
        return reads;
    }

    /** Their plans, parameters bound. */
    public Map<String, LogicalPlan> readPlans() {
        return readPlans;
    }

    /** The split of the submitted query, a join with a query it reads at the point when it can be. */
    public DistributedPlan split(PlanSplitter.Sides sides) {
        return PlanSplitter.split(query.name(), plan, sides, readPlans);
    }
}
