package org.intstream.onos.query;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.intstream.query.ParameterBinder;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.switchgen.SlotProgram;
import org.intstream.query.switchgen.TableEntrySpec;

/**
 * The text of {@code intstream-explain}: a compiled query's plan, its local/global split, its switch stage with
 * the entries of a slot (or why it has none), and the devices it would go to.
 */
final class QueryExplainer {
    private QueryExplainer() {
    }

    static String explain(CompiledQuery q, List<String> devices) {
        StringBuilder b = new StringBuilder();
        b.append("query ").append(q.name()).append(parameters(q)).append('\n');
        b.append("  logical plan:\n").append(indent(q.plan().toString(), "    "));
        b.append(indent(q.split().toString(), "  "));
        if (q.switchStage().isEmpty()) {
            b.append("  no switch stage; end-host agents run all of it: ").append(q.hostsOnlyReason().orElseThrow())
                    .append('\n');
            return b.toString();
        }
        SwitchStage stage = q.switchStage().get();
        b.append(indent(stage.toString(), "  "));
        b.append("    entries (shown for slot 0; each device uses its lowest free slot):\n");
        for (TableEntrySpec e : SlotProgram.of(stage, 0).entries()) {
            b.append("      ").append(e.table()).append(' ').append(e.matches()).append(" priority ")
                    .append(e.priority()).append('\n');
            b.append("        -> ").append(e.action()).append(e.params()).append('\n');
        }
        b.append("  devices running the IntStream pipeconf: ")
                .append(devices.isEmpty() ? "none yet" : String.join(", ", devices)).append('\n');
        return b.toString();
    }

    private static String parameters(CompiledQuery q) {
        if (q.definition().parameters().isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        new TreeMap<>(ParameterBinder.values(q.definition(), q.parameters())).forEach((k, v) -> parts.add(k + "=" + v));
        return " (" + String.join(", ", parts) + ")";
    }

    private static String indent(String text, String prefix) {
        String t = text.endsWith("\n") ? text : text + "\n";
        return t.replaceAll("(?m)^(?=.)", prefix);
    }
}
