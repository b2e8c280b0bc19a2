package org.intstream.softswitch.pipeline;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.intstream.softswitch.action.ActionData;
import org.intstream.softswitch.action.ActionSpec;
import org.intstream.softswitch.expr.Expr;
import org.intstream.softswitch.expr.ExprCompiler;
import org.intstream.softswitch.extern.Externs;
import org.intstream.softswitch.model.JsonPath;
import org.intstream.softswitch.model.Layout;
import org.intstream.softswitch.table.KeyElement;
import org.intstream.softswitch.table.MatchKind;
import org.intstream.softswitch.table.MatchTable;
import org.intstream.softswitch.table.MatchValue;
import org.intstream.softswitch.table.TableEntry;
import org.intstream.softswitch.table.TableException;

/**
 * Compiles a BMv2 JSON pipeline: its tables (keys, action sets, default and const entries) and
 * conditionals, linked into a control flow graph.
 */
public final class PipelineCompiler {
    private final Layout layout;
    private final ExprCompiler exprs;
    private final Map<Integer, ActionSpec> actions;

    private final Externs externs;

    public PipelineCompiler(Layout layout, ExprCompiler exprs, Map<Integer, ActionSpec> actions, Externs externs) {
        this.layout = layout;
        this.exprs = exprs;
        this.actions = actions;
        this.externs = externs;
    }

    public Pipeline compile(JsonPath pipeline) {
        String name = pipeline.text("name");
        if (!pipeline.array("action_profiles").isEmpty()) {
            throw pipeline.get("action_profiles").error("action profiles and selectors are not supported");
        }
        Map<String, PipelineNode> nodes = new HashMap<>();
        Map<String, MatchTable> tables = new LinkedHashMap<>();
        List<JsonPath> tableNodes = pipeline.array("tables");
        List<TableNode> compiledTables = new ArrayList<>();
        for (JsonPath t : tableNodes) {
            MatchTable table = table(t);
            TableNode node = new TableNode(table);
            add(nodes, t, table.name(), node);
            tables.put(table.name(), table);
            compiledTables.add(node);
        }
        List<JsonPath> condNodes = pipeline.array("conditionals");
        List<ConditionalNode> conds = new ArrayList<>();
        for (JsonPath c : condNodes) {
            Expr condition = exprs.compile(c.get("expression"), null);
            ConditionalNode node = new ConditionalNode(c.text("name"), condition);
            add(nodes, c, node.name(), node);
            conds.add(node);
        }
        for (int i = 0; i < tableNodes.size(); i++) {
            link(tableNodes.get(i), compiledTables.get(i), nodes);
        }
        for (int i = 0; i < condNodes.size(); i++) {
            JsonPath c = condNodes.get(i);
            conds.get(i).ifTrue = resolve(c.opt("true_next"), nodes);
            conds.get(i).ifFalse = resolve(c.opt("false_next"), nodes);
        }
        return new Pipeline(name, resolve(pipeline.opt("init_table"), nodes), tables);
    }

    private static void add(Map<String, PipelineNode> nodes, JsonPath where, String name, PipelineNode node) {
        if (nodes.put(name, node) != null) {
            throw where.error("two pipeline nodes are named \"" + name + "\"");
        }
    }

    private static PipelineNode resolve(JsonPath name, Map<String, PipelineNode> nodes) {
        if (name == null) {
            return null;
        }
        PipelineNode n = nodes.get(name.text());
        if (n == null) {
            throw name.error("unknown table or conditional \"" + name.text() + "\"");
        }
        return n;
    }

    private void link(JsonPath t, TableNode node, Map<String, PipelineNode> nodes) {
        node.baseNext = resolve(t.opt("base_default_next"), nodes);
        JsonPath next = t.get("next_tables");
        if (next.node().has("__HIT__") || next.node().has("__MISS__")) {
            node.byHit = true;
            node.onHit = resolve(next.opt("__HIT__"), nodes);
            node.onMiss = resolve(next.opt("__MISS__"), nodes);
            return;
        }
        Map<String, Integer> idsByName = new HashMap<>();
        for (JsonPath id : t.array("action_ids")) {
            ActionSpec a = action(id);
            idsByName.put(a.name(), a.id());
        }
        var it = next.node().fieldNames();
        while (it.hasNext()) {
            String actionName = it.next();
            Integer id = idsByName.get(actionName);
            if (id == null) {
                throw next.error("next_tables names action \"" + actionName + "\", which the table does not have");
            }
            node.nextByAction.put(id, resolve(next.opt(actionName), nodes));
        }
    }

    private ActionSpec action(JsonPath id) {
        ActionSpec a = actions.get(id.integer());
        if (a == null) {
            throw id.error("unknown action id " + id.integer());
        }
        return a;
    }

    private MatchTable table(JsonPath t) {
        String name = t.text("name");
        String type = t.text("type");
        if (!"simple".equals(type)) {
            throw t.get("type").error("table \"" + name + "\" is of type \"" + type
                    + "\"; only simple tables are supported (no action profiles/selectors)");
        }
        List<KeyElement> key = new ArrayList<>();
        for (JsonPath k : t.array("key")) {
            key.add(keyElement(k));
        }
        Map<String, ActionSpec> tableActions = new HashMap<>();
        for (JsonPath id : t.array("action_ids")) {
            ActionSpec a = action(id);
            tableActions.put(a.name(), a);
        }
        JsonPath def = t.opt("default_entry");
        ActionSpec defaultAction;
        ActionData defaultData;
        boolean defaultConst;
        if (def != null) {
            defaultAction = action(def.get("action_id"));
            defaultData = data(defaultAction, def.array("action_data"), def);
            defaultConst = def.bool("action_const", false) || def.bool("action_entry_const", false);
        } else {
            // BMv2 runs no action on a miss without a default entry; NoAction-like empty behaviour.
            defaultAction = new ActionSpec(-1, "(none)", List.of(), new int[0], new org.intstream.softswitch.action.Primitive[0]);
            defaultData = ActionData.NONE;
            defaultConst = false;
        }
        int maxSize = t.has("max_size") ? t.integer("max_size") : 1024;
        MatchTable table = new MatchTable(name, t.integer("id"), key, maxSize, tableActions, defaultAction,
                defaultData, defaultConst);
        if (t.bool("with_counters", false)) {
            String counter = externs.directCounterOf(name);
            if (counter == null) {
                throw t.get("with_counters").error("table \"" + name + "\" has counters but no direct counter is bound to it");
            }
            table.attachDirectCounter(counter);
        }
        JsonPath directMeters = t.opt("direct_meters");
        if (directMeters != null) {
            throw directMeters.error("direct meters are not supported by the soft switch (table \"" + name + "\")");
        }
        List<JsonPath> constEntries = t.array("entries");
        if (!constEntries.isEmpty()) {
            List<TableEntry> entries = new ArrayList<>();
            for (JsonPath e : constEntries) {
                entries.add(constEntry(e, key, table.prioritised()));
            }
            try {
                table.installConstEntries(entries);
            } catch (TableException ex) {
                throw t.get("entries").error(ex.getMessage());
            }
        }
        return table;
    }

    private KeyElement keyElement(JsonPath k) {
        String matchType = k.text("match_type");
        MatchKind kind = MatchKind.ofBmv2(matchType);
        if (kind == null) {
            throw k.get("match_type").error("unsupported match type \"" + matchType + "\"");
        }
        JsonPath target = k.get("target");
        String field = target.at(1).text();
        Expr read = exprs.field(target);
        int width = Layout.VALID_FIELD.equals(field) ? 1 : layout.field(target.at(0).text(), field, target).width();
        JsonPath mask = k.opt("mask");
        String name = k.has("name") ? k.text("name") : target.at(0).text() + "." + field;
        return new KeyElement(name, kind, width, read, mask == null ? null : ExprCompiler.parseHex(mask));
    }

    private TableEntry constEntry(JsonPath e, List<KeyElement> key, boolean prioritised) {
        List<JsonPath> mk = e.array("match_key");
        if (mk.size() != key.size()) {
            throw e.get("match_key").error("entry has " + mk.size() + " key values, the table " + key.size());
        }
        List<MatchValue> match = new ArrayList<>();
        for (int i = 0; i < mk.size(); i++) {
            JsonPath m = mk.get(i);
            KeyElement k = key.get(i);
            switch (k.kind()) {
                case EXACT:
                    match.add(MatchValue.exact(ExprCompiler.parseHex(m.get("key")), k.width()));
                    break;
                case LPM:
                    match.add(MatchValue.lpm(ExprCompiler.parseHex(m.get("key")), m.integer("prefix_length"), k.width()));
                    break;
                case TERNARY:
                    match.add(MatchValue.ternary(ExprCompiler.parseHex(m.get("key")), ExprCompiler.parseHex(m.get("mask"))));
                    break;
                case OPTIONAL:
                    match.add(MatchValue.ternary(ExprCompiler.parseHex(m.get("key")), ExprCompiler.parseHex(m.get("mask"))));
                    break;
                default:
                    match.add(MatchValue.range(ExprCompiler.parseHex(m.get("start")), ExprCompiler.parseHex(m.get("end"))));
                    break;
            }
        }
        JsonPath ae = e.get("action_entry");
        ActionSpec action = action(ae.get("action_id"));
        ActionData data = data(action, ae.array("action_data"), ae);
        // BMv2's JSON priorities count down (1 is the highest); PI reports MAX_INT minus them.
        int priority = prioritised ? Integer.MAX_VALUE - e.integer("priority") : 0;
        return new TableEntry(match, priority, action, data, 0, null);
    }

    private static ActionData data(ActionSpec action, List<JsonPath> args, JsonPath where) {
        if (args.size() != action.paramCount()) {
            throw where.error("action " + action.name() + " takes " + action.paramCount() + " argument(s), "
                    + args.size() + " given");
        }
        BigInteger[] values = new BigInteger[args.size()];
        for (int i = 0; i < values.length; i++) {
            BigInteger v = ExprCompiler.parseHex(args.get(i));
            values[i] = v.and(BigInteger.ONE.shiftLeft(action.paramWidth(i)).subtract(BigInteger.ONE));
        }
        return ActionData.of(action, values);
    }
}
