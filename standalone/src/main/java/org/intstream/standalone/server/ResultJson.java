package org.intstream.standalone.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.intstream.controller.merge.MergedWindow;

/**
 * A merged window as JSON: times in epoch milliseconds as in jsonl output, coverage, and the rows by column
 * name (addresses and prefixes as text, absent as null).
 */
final class ResultJson {
    private ResultJson() {
    }

    static ObjectNode window(ObjectMapper json, MergedWindow w) {
        ObjectNode n = json.createObjectNode();
        n.put("window_start", w.start() / 1000);
        n.put("window_end", w.end() / 1000);
        n.put("coverage", w.coverage());
        n.put("partial", w.partial());
        n.set("reported", json.valueToTree(w.reported()));
        n.set("expected", json.valueToTree(w.expected()));
        n.put("approximate", w.approximate());
        n.put("packets", w.packets());
        n.put("capture_drops", w.captureDrops());
        ArrayNode rows = n.putArray("rows");
        List<String> names = w.schema().names();
        for (Object[] row : w.rows()) {
            ObjectNode r = rows.addObject();
            for (int i = 0; i < row.length; i++) {
                r.set(names.get(i), value(json, row[i]));
            }
        }
        return n;
    }

    private static com.fasterxml.jackson.databind.JsonNode value(ObjectMapper json, Object v) {
        if (v == null) {
            return json.nullNode();
        }
        if (v instanceof Long l) {
            return json.getNodeFactory().numberNode(l);
        }
        if (v instanceof Double d) {
            return Double.isFinite(d) ? json.getNodeFactory().numberNode(d) : json.nullNode();
        }
        if (v instanceof Boolean b) {
            return json.getNodeFactory().booleanNode(b);
        }
        if (v instanceof List<?> list) {
            ArrayNode a = json.createArrayNode();
            for (Object o : list) {
                a.add(value(json, o));
            }
            return a;
        }
        return json.getNodeFactory().textNode(v.toString());
    }
}
