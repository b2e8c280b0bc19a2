package org.intstream.controller.query;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.intstream.engine.eval.ExprCompiler;
import org.intstream.engine.exec.Engine;
import org.intstream.query.QueryDefinition;
import org.intstream.query.QueryException;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.query.partition.DistributedPlan;
import org.intstream.query.partition.PlanSplitter;
import org.intstream.query.partition.QueryWithReads;
import org.intstream.query.plan.AggregateNode;
import org.intstream.query.plan.DistinctNode;
import org.intstream.query.plan.SketchNode;
import org.intstream.query.plan.LogicalPlan;
import org.intstream.query.plan.PlanKinds;
import org.intstream.query.plan.ScanNode;
import org.intstream.query.plan.Schema;
import org.intstream.query.plan.SplitNode;
import org.intstream.query.plan.WindowNode;
import org.intstream.query.plan.WindowSpec;

/**
 * A query the controller runs across the network: its text and parameters as submitted, the split into the
 * local stage every agent runs and the global stage the controller runs, and the shapes both sides agree
 * on (the partial rows' columns, the window). Immutable; a resubmission is a new version.
 */
public final class DeployedQuery {
    private final String name;
    private final long version;
    private final String text;
    private final Map<String, String> parameters;
    private final DistributedPlan plan;
    private final QueryDefinition global;
    private final Schema partialSchema;
    private final Map<String, Schema> resultSchemas;
    private final long windowMicros;
    private final PlanSplitter.Sides sides;
    private final boolean estimatesAllowed;

    private DeployedQuery(String name, long version, String text, Map<String, String> parameters,
            PlanSplitter.Sides sides, DistributedPlan plan, QueryDefinition global, Schema partialSchema,
            Map<String, Schema> resultSchemas, long windowMicros, boolean estimatesAllowed) {
        this.name = name;
        this.version = version;
        this.text = text;
        this.parameters = parameters;
        this.sides = sides;
        this.plan = plan;
        this.global = global;
        this.partialSchema = partialSchema;
        this.resultSchemas = Collections.unmodifiableMap(new LinkedHashMap<>(resultSchemas));
        this.windowMicros = windowMicros;
        this.estimatesAllowed = estimatesAllowed;
    }

    /**
     * The same query, with or without its submitter's leave for a switch's estimates to stand in for it
     * (an exact query's error budget; a query that estimates by itself allows them anyway).
     */
    public DeployedQuery withEstimatesAllowed(boolean allowed) {
        return new DeployedQuery(name, version, text, parameters, sides, plan, global, partialSchema, resultSchemas,
                windowMicros, allowed);
    }

    /** Whether the submitter allowed estimates, whatever the query does by itself. */
    public boolean estimatesAllowedBySubmitter() {
        return estimatesAllowed;
    }

    /** {@link #compile(String, Map, long, PlanSplitter.Sides)} observed on the side its key names. */
    public static DeployedQuery compile(String text, Map<String, String> parameters, long version) {
        return compile(text, parameters, version, PlanSplitter.Sides.BY_KEY);
    }

    /**
     * Parses, checks and splits one query for observation points on the given sides. The text may give the
     * queries whose output it reads before it ({@link QueryWithReads}): a join with their rows then runs at
     * the points, which run them too.
     *
     * @throws QueryException when the text is not one valid query (and what it reads), a parameter doesn't
     *     fit, or the query can't be split into a local and a global stage (it would run centrally, or its
     *     global stage would read another query's output)
     */
    public static DeployedQuery compile(String text, Map<String, String> parameters, long version,
            PlanSplitter.Sides sides) {
        QueryWithReads submitted = QueryWithReads.parse(text, parameters);
        QueryDefinition q = submitted.query();
        DistributedPlan plan = submitted.split(sides);
        if (plan.mode() == DistributedPlan.Mode.CENTRAL) {
            throw new QueryException(null, "query '" + q.name() + "' can't be split into local and global stages ("
                    + String.join("; ", plan.notes()) + "); central execution over forwarded packets is not "
                    + "supported by the distributed runtime");
        }
        for (LogicalPlan node : PlanKinds.postOrder(plan.global())) {
            if (node instanceof ScanNode && !((ScanNode) node).isPackets() && !((ScanNode) node).isProbe()
                    && !((ScanNode) node).stream().equals(plan.partialStream())) {
                throw new QueryException(null, "query '" + q.name() + "' reads the output of '"
                        + ((ScanNode) node).stream() + "' at the controller, which the distributed runtime does not run"
                        + " (a join runs at the points when the text gives that query before it and both are final"
                        + " at the same point)");
            }
        }
        FunctionRegistry functions = FunctionRegistry.builtins();
        Engine local = new Engine(functions);
        for (String read : plan.localReads()) {
            local.register(new QueryDefinition(read, List.of(), submitted.readPlans().get(read), ""), Map.of());
        }
        local.register(new QueryDefinition(q.name(), List.of(), plan.local(), q.description()), Map.of());
        Schema partials = local.outputs().get(q.name());
        if (partials == null || local.outputs().size() != 1 + plan.localReads().size()) {
            throw new QueryException(null, "the local stage of '" + q.name() + "' must have one output, it has "
                    + local.outputs().keySet());
        }
        QueryDefinition global = new QueryDefinition(q.name(), List.of(), plan.global(), q.description());
        Engine check = new Engine(functions);
        check.declareInput(plan.partialStream(), partials);
        check.register(global, Map.of());
        // One output, or one per side output of a split (NAME.BRANCH).
        Map<String, Schema> results = new LinkedHashMap<>(check.outputs());
        results.remove(plan.partialStream());
        boolean split = plan.global() instanceof SplitNode;
        if (split ? results.size() != ((SplitNode) plan.global()).branches().size()
                : results.size() != 1 || !results.containsKey(q.name())) {
            throw new QueryException(null, "the global stage of '" + q.name() + "' must have one output"
                    + " or one per side output of a split, it has " + results.keySet());
        }
        return new DeployedQuery(q.name(), version, text, Map.copyOf(new TreeMap<>(parameters)), sides, plan, global,
                partials, results, windowMicros(plan.local(), functions), false);
    }

    private static long windowMicros(LogicalPlan local, FunctionRegistry functions) {
        for (LogicalPlan node : PlanKinds.postOrder(local)) {
            if (node instanceof WindowNode && ((WindowNode) node).spec().kind() == WindowSpec.Kind.TUMBLING) {
                return (Long) ExprCompiler.constant(((WindowNode) node).spec().size(), functions);
            }
        }
        throw new IllegalStateException("a split local stage has a tumbling window: " + local);
    }

    public String name() {
        return name;
    }

    /** Distinguishes this submission from earlier ones of the same name; partials carry it back. */
    public long version() {
        return version;
    }

    /** The query text as submitted (what agents compile their local stage from). */
    public String text() {
        return text;
    }

    public Map<String, String> parameters() {
        return parameters;
    }

    /** The sides the split was made for; agents split the query the same way. */
    public PlanSplitter.Sides sides() {
        return sides;
    }

    public DistributedPlan plan() {
        return plan;
    }

    /** The global stage as a query reading {@link DistributedPlan#partialStream()}. */
    public QueryDefinition global() {
        return global;
    }

    /** The columns of the rows every agent sends per window. */
    public Schema partialSchema() {
        return partialSchema;
    }

    /** The columns of the merged results (of the first side output, for a split). */
    public Schema resultSchema() {
        return resultSchemas.values().iterator().next();
    }

    /**
     * The merged results' columns by output: the query's name, or for a split each side output's
     * ({@code split_processing.tcp}), under which its windows are published.
     */
    public Map<String, Schema> resultSchemas() {
        return resultSchemas;
    }

    /**
     * Whether the query allows an error budget: its submitter allowed estimates, or it estimates by itself (a
     * reduce over a count-min sketch, a distinct over a Bloom filter, a sketch), so a switch slot's estimates
     * may stand in for its exact form.
     */
    public boolean allowsEstimates() {
        if (estimatesAllowed) {
            return true;
        }
        for (LogicalPlan stage : List.of(plan.local(), plan.global())) {
            for (LogicalPlan node : PlanKinds.postOrder(stage)) {
                if (node instanceof AggregateNode && !((AggregateNode) node).approx().isEmpty()
                        || node instanceof DistinctNode && ((DistinctNode) node).approx() != null
                        || node instanceof SketchNode) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The tumbling window the partials are cut by, in microseconds. */
    public long windowMicros() {
        return windowMicros;
    }
}
