package org.intstream.onos.query;

import java.util.Map;
import java.util.Optional;
import org.intstream.query.ParameterBinder;
import org.intstream.query.QueryDefinition;
import org.intstream.query.QueryException;
import org.intstream.query.check.PlanChecker;
import org.intstream.query.dsl.DslParser;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.query.partition.DistributedPlan;
import org.intstream.query.partition.NotSwitchPlaceableException;
import org.intstream.query.partition.PlanSplitter;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.partition.SwitchStageExtractor;
import org.intstream.query.plan.LogicalPlan;
import org.intstream.query.switchgen.SlotProgram;
import org.intstream.query.switchgen.SwitchResourceException;

/**
 * One query as the ONOS app runs it: parsed, type-checked, parameters bound, split into the points' local
 * stage and the controller's global stage, and its switch stage (or the reason a switch can't run any of it).
 * Immutable.
 */
final class CompiledQuery {
    private final QueryDefinition definition;
    private final Map<String, String> parameters;
    private final LogicalPlan plan;
    private final DistributedPlan split;
    private final SwitchStage switchStage;
    private final String hostsOnlyReason;

    private CompiledQuery(QueryDefinition definition, Map<String, String> parameters, LogicalPlan plan,
            DistributedPlan split, SwitchStage switchStage, String hostsOnlyReason) {
        this.definition = definition;
        this.parameters = parameters;
        this.plan = plan;
        this.split = split;
        this.switchStage = switchStage;
        this.hostsOnlyReason = hostsOnlyReason;
    }

    /**
     * Compiles one query.
     *
     * @throws IllegalArgumentException with the compiler's message (line and column where it has them) when
     *         the text is not exactly one valid query, a parameter override does not fit, or its switch stage
     *         exceeds what any slot holds
     */
    static CompiledQuery compile(String text, Map<String, String> parameters) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the query text is empty: a query starts with 'query <name>'");
        }
        try {
            QueryDefinition q = DslParser.parseQuery(text);
            new PlanChecker(FunctionRegistry.builtins(), PlanChecker.NO_QUERIES).check(q);
            LogicalPlan plan = ParameterBinder.bind(q, parameters);
            DistributedPlan split = PlanSplitter.split(q.name(), plan);
            SwitchStage stage = null;
            String reason = null;
            try {
                stage = SwitchStageExtractor.extract(q.name(), plan);
                SlotProgram.checkFits(stage);
            } catch (NotSwitchPlaceableException e) {
                reason = e.getMessage();
            }
            return new CompiledQuery(q, Map.copyOf(parameters), plan, split, stage, reason);
        } catch (QueryException | SwitchResourceException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    String name() {
        return definition.name();
    }

    QueryDefinition definition() {
        return definition;
    }

    Map<String, String> parameters() {
        return parameters;
    }

    /** The plan with parameters bound. */
    LogicalPlan plan() {
        return plan;
    }

    DistributedPlan split() {
        return split;
    }

    /** The part a switch slot runs; empty when only hosts can run the query. */
    Optional<SwitchStage> switchStage() {
        return Optional.ofNullable(switchStage);
    }

    /** Why no switch can run any of it (with the position in the query); empty when one can. */
    Optional<String> hostsOnlyReason() {
        return Optional.ofNullable(hostsOnlyReason);
    }
}
