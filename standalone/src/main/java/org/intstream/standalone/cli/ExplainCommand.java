package org.intstream.standalone.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.intstream.query.ParameterBinder;
import org.intstream.query.QueryDefinition;
import org.intstream.query.QueryException;
import org.intstream.query.partition.NotSwitchPlaceableException;
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

    @Override
    public Integer call() {
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
            System.out.print(PlanSplitter.split(q.name(), plan, sides).toString().replaceAll("(?m)^", "  "));
            System.out.print(switchPart(q.name(), plan).replaceAll("(?m)^", "  "));
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
