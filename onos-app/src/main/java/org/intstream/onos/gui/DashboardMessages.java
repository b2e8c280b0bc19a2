package org.intstream.onos.gui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.intstream.controller.agent.AgentStatus;
import org.intstream.controller.dataplane.SwitchRuntime;
import org.intstream.controller.merge.DataReduction;
import org.intstream.controller.merge.MergedWindow;
import org.intstream.controller.merge.QueryCounters;
import org.intstream.controller.query.DeployedQuery;
import org.intstream.controller.runtime.ControllerCore;
import org.intstream.onos.rest.SwitchCodec;
import org.intstream.query.QueryException;
import org.intstream.query.dsl.DslParser;
import org.intstream.query.partition.SwitchStageExtractor;
import org.intstream.query.placement.PlacementCost;

/**
 * The dashboard's messages (docs/dashboard.md "Messages") built from the controller core, so the ONOS view
 * and the standalone dashboard feed the same result chart: queries with their placement, a query's windows,
 * agents, switches and the data reduction. Times are Unix milliseconds, windows oldest first.
 */
final class DashboardMessages {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DashboardMessages() {
    }

    /** One running query, as {@code GET /queries} lists it. */
    static ObjectNode query(DeployedQuery q) {
        ObjectNode n = NODES.objectNode();
        n.put("name", q.name());
        n.put("version", q.version());
        n.put("mode", q.plan().mode().name().toLowerCase().replace('_', '-'));
        n.put("observation_point", q.plan().point().name().toLowerCase().replace('_', '-'));
        n.put("window_us", q.windowMicros());
        n.set("params", JSON.valueToTree(q.parameters()));
        n.set("partial_columns", JSON.valueToTree(q.partialSchema().names()));
        n.set("result_columns", JSON.valueToTree(q.resultSchema().names()));
        n.put("text", q.text());
        n.put("explain", q.plan().toString());
        n.put("switch_stage", switchStage(q));
        return n;
    }

    /** The part a switch slot runs, or why the hosts run all of it. */
    static String switchStage(DeployedQuery q) {
        try {
            return SwitchStageExtractor.extract(DslParser.parse(q.text()).get(0), q.parameters()).toString().strip();
        } catch (QueryException e) {
            return "none; the hosts run all of it: " + e.getMessage();
        }
    }

    /**
     * A query's (or a split's side output's) latest windows, as {@code GET /results/NAME?limit=N} answers.
     *
     * @throws IllegalArgumentException naming the query when none of that name runs, or the limit is below 1
     */
    static ObjectNode results(ControllerCore core, String name, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be a positive integer, not " + limit);
        }
        DeployedQuery q = core.queries().get(name);
        if (q == null && name.indexOf('.') > 0) {
            DeployedQuery owner = core.queries().get(name.substring(0, name.indexOf('.')));
            q = owner != null && owner.resultSchemas().containsKey(name) ? owner : null;
        }
        if (q == null || !q.resultSchemas().containsKey(name)) {
            throw new IllegalArgumentException("no query '" + name + "' runs");
        }
        List<MergedWindow> windows = core.results().windows(name);
        ObjectNode out = NODES.objectNode();
        out.put("query", name);
        out.set("columns", JSON.valueToTree(q.resultSchemas().get(name).names()));
        ArrayNode list = out.putArray("windows");
        for (MergedWindow w : windows.subList(Math.max(0, windows.size() - limit), windows.size())) {
            list.add(window(w));
        }
        return out;
    }

    static ObjectNode window(MergedWindow w) {
        ObjectNode n = NODES.objectNode();
        n.put("window_start", w.start() / 1000);
        n.put("window_end", w.end() / 1000);
        n.put("coverage", w.coverage());
        n.put("partial", w.partial());
        n.set("reported", JSON.valueToTree(w.reported()));
        n.set("expected", JSON.valueToTree(w.expected()));
        n.put("approximate", w.approximate());
        n.put("packets", w.packets());
        n.put("capture_drops", w.captureDrops());
        ArrayNode rows = n.putArray("rows");
        List<String> names = w.schema().names();
        for (Object[] row : w.rows()) {
            ObjectNode r = rows.addObject();
            for (int i = 0; i < row.length; i++) {
                r.set(names.get(i), value(row[i]));
            }
        }
        return n;
    }

    /** Numbers and booleans as such, lists as arrays, everything else (addresses, prefixes) as text. */
    static JsonNode value(Object v) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof Long) {
            return NODES.numberNode((Long) v);
        }
        if (v instanceof Double) {
            double d = (Double) v;
            return Double.isFinite(d) ? NODES.numberNode(d) : NODES.nullNode();
        }
        if (v instanceof Boolean) {
            return NODES.booleanNode((Boolean) v);
        }
        if (v instanceof List) {
            ArrayNode a = NODES.arrayNode();
            for (Object o : (List<?>) v) {
                a.add(value(o));
            }
            return a;
        }
        return NODES.textNode(v.toString());
    }

    static ArrayNode agents(ControllerCore core) {
        ArrayNode list = NODES.arrayNode();
        for (AgentStatus a : core.agents().status()) {
            list.addObject().put("id", a.id()).put("point", a.point()).put("connected", a.connected());
        }
        return list;
    }

    static ArrayNode switches(ControllerCore core) {
        ArrayNode list = NODES.arrayNode();
        // By name: the core hands out an unordered copy.
        for (SwitchRuntime sw : new java.util.TreeMap<>(core.switches()).values()) {
            list.add(SwitchCodec.json(sw, JSON));
        }
        return list;
    }

    /** Bytes of partial results that crossed into the global stage against a central collector's input. */
    static ObjectNode reduction(Map<String, QueryCounters> counters) {
        ObjectNode out = NODES.objectNode();
        out.put("central_bytes_per_packet", PlacementCost.CENTRAL_TUPLE_BYTES);
        ArrayNode list = out.putArray("queries");
        for (Map.Entry<String, DataReduction> e : DataReduction.perQuery(counters).entrySet()) {
            ObjectNode q = list.addObject();
            q.put("query", e.getKey());
            figures(q, e.getValue());
        }
        figures(out.putObject("total"), DataReduction.total(counters));
        return out;
    }

    private static void figures(ObjectNode n, DataReduction r) {
        n.put("packets", r.packets());
        n.put("bytes", r.bytes());
        n.put("bytes_crossing", r.bytesCrossing());
        n.put("central_bytes", r.centralBytes());
        if (r.reduction() == null) {
            n.putNull("reduction"); // nothing observed yet: no ratio
        } else {
            n.put("reduction", r.reduction());
        }
    }
}
