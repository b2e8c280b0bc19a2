package org.intstream.standalone.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.intstream.query.ParameterBinder;
import org.intstream.query.QueryDefinition;
import org.intstream.query.QueryException;
import org.intstream.engine.exec.Engine;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.query.partition.DistributedPlan;
import org.intstream.query.partition.NotSwitchPlaceableException;
import org.intstream.query.placement.PlacementCost;
import org.intstream.query.placement.PlacementOption;
import org.intstream.query.placement.TrafficProfile;
import org.intstream.query.plan.Schema;
import org.intstream.query.partition.PlanSplitter;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.partition.SwitchStageExtractor;
import org.intstream.query.plan.LogicalPlan;
import org.intstream.query.switchgen.SlotProgram;
import org.intstream.query.switchgen.SwitchResourceException;
import org.intstream.query.switchgen.TableEntrySpec;
import org.intstream.standalone.run.QueryLoader;
import org.intstream.standalone.run.Runner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code intstream explain}: how a query would run — its logical plan with parameters bound, its split into
 * the local stage every observation point runs and the controller's global stage, and the part a switch slot
 * of {@code intstream.p4} runs (filter entries, key, distinct, count, threshold) with the entries installing
 * it writes, or why it stays on the hosts.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show how a query runs: its plan with parameters bound, the local stage each observation "
                + "point runs and the controller's global stage, and its switch stage (the table entries of an "
                + "intstream.p4 query slot) or why it has none.",
        footer = {"", "Example:", "  intstream explain port_scan --param threshold=20",
            "  intstream explain tcp_new_conn --observe sender"})
public final class ExplainCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "NAME|FILE|TEXT", description = "queries to explain")
    List<String> queries = new ArrayList<>();

    @Option(names = "--param", paramLabel = "[QUERY.]KEY=VALUE", description = "override a query parameter; repeatable")
    List<String> params = new ArrayList<>();

    @Option(names = "--observe", paramLabel = "by-key|sender", defaultValue = "by-key", converter = ObserveSides.class,
            description = "The observation sides to split for, as the controller's --observe (default: by-key).")
    PlanSplitter.Sides sides;

    @Option(names = "--packets", paramLabel = "N", defaultValue = "1000000",
            description = "Packets per window the placement costs are priced for (default: ${DEFAULT-VALUE}).")
    long packets;

    @Option(names = "--keys", paramLabel = "N", defaultValue = "10000",
            description = "Distinct keys per window of the query's grouping (default: ${DEFAULT-VALUE}).")
    long keys;

    @Option(names = "--answers", paramLabel = "N", defaultValue = "10",
            description = "Keys per window in the answer (default: ${DEFAULT-VALUE}).")
    long answers;

    @Option(names = "--points", paramLabel = "N", defaultValue = "3",
            description = "Observation points (agents or switches) sharing the traffic (default: ${DEFAULT-VALUE}).")
    int points;

    @Override
    public Integer call() {
        TrafficProfile profile = new TrafficProfile(packets, keys, answers, points);
        QueryLoader loader = new QueryLoader();
        queries.forEach(loader::load);
        Map<String, Map<String, String>> perQuery = Runner.bindParameters(loader.queries(), params);
        for (QueryDefinition q : loader.queries()) {
            if (!loader.requested().contains(q.name())) {
                continue;
            }
            Map<String, String> overrides = perQuery.getOrDefault(q.name(), Map.of());
            LogicalPlan plan;
            try {
                plan = ParameterBinder.bind(q, overrides);
            } catch (QueryException e) {
                throw e.sourceName() == null && e.position().isKnown() ? e.inSource(loader.source(q.name())) : e;
            }
            System.out.println("query " + q.name() + parameters(q, overrides));
            System.out.println("  logical plan:");
            System.out.print(plan.toString().replaceAll("(?m)^", "    "));
            DistributedPlan split = PlanSplitter.split(q.name(), plan, sides);
            System.out.print(split.toString().replaceAll("(?m)^", "  "));
            System.out.print(switchPart(q.name(), plan).replaceAll("(?m)^", "  "));
            System.out.print(costPart(q, split, plan, loader, profile).replaceAll("(?m)^", "  "));
        }
        return 0;
    }

    private static String parameters(QueryDefinition q, Map<String, String> overrides) {
        if (q.parameters().isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        ParameterBinder.values(q, overrides).forEach((k, v) -> parts.add(k + "=" + v));
        parts.sort(null);
        return " (" + String.join(", ", parts) + ")";
    }

    /** Bytes per window crossing into the global stage for each placement, cheapest first. */
    private static String costPart(QueryDefinition q, DistributedPlan split, LogicalPlan plan, QueryLoader loader,
            TrafficProfile profile) {
        Schema partials = null;
        if (split.mode() != DistributedPlan.Mode.CENTRAL) {
            try {
                Engine local = new Engine(FunctionRegistry.builtins());
                for (QueryDefinition other : loader.queries()) {
                    if (split.localReads().contains(other.name())) {
                        local.register(other, Map.of());
                    }
                }
                local.register(new QueryDefinition(q.name(), List.of(), split.local(), q.description()), Map.of());
                partials = local.outputs().get(q.name());
            } catch (RuntimeException e) {
                partials = null;
            }
        }
        SwitchStage stage = null;
        try {
            stage = SwitchStageExtractor.extract(q.name(), plan);
            SlotProgram.of(stage, 0);
        } catch (NotSwitchPlaceableException | SwitchResourceException e) {
            stage = null;
        }
        StringBuilder b = new StringBuilder("placement cost (bytes per window into the global stage; " + profile
                + "):\n");
        List<PlacementOption> options = PlacementCost.options(split, partials, stage, profile);
        for (PlacementOption o : options) {
            b.append(String.format("  %-9s %,15d  %s%s%n", o.where().name().toLowerCase(), o.bytesPerWindow(),
                    o.exact() ? "exact" : "estimates (count-min)", "; " + o.basis()));
        }
        b.append("  cheapest: ").append(options.get(0).where().name().toLowerCase()).append('\n');
        return b.toString();
    }

    private static String switchPart(String name, LogicalPlan plan) {
        StringBuilder b = new StringBuilder();
        SwitchStage stage;
        try {
            stage = SwitchStageExtractor.extract(name, plan);
        } catch (NotSwitchPlaceableException e) {
            return "no switch stage; the hosts run all of it: " + e.position() + ": " + e.reason() + "\n";
        }
        b.append(stage).append('\n');
        try {
            SlotProgram program = SlotProgram.of(stage, 0);
            b.append("  entries (shown for slot 0; the first free slot is used):\n");
            for (TableEntrySpec e : program.entries()) {
                b.append("    ").append(e.table()).append(' ').append(e.matches()).append(" priority ")
                        .append(e.priority()).append('\n');
                b.append("      -> ").append(e.action()).append(e.params()).append('\n');
            }
        } catch (SwitchResourceException e) {
            b.append("  does not fit a switch slot (").append(e.resource()).append("): ").append(e.getMessage()).append('\n');
        }
        return b.toString();
    }
}
