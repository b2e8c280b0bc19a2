package org.intstream.standalone.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.intstream.controller.merge.DataReduction;
import org.intstream.controller.merge.QueryCounters;
import org.intstream.query.placement.PlacementCost;

/**
 * The data reduction per running query and in total: the bytes of partial results that crossed from the
 * agents into the global stage, against what a central collector would receive for the packets the
 * observation points saw, each packet's 5-tuple and length (15 bytes, as BENCHMARKS.md "Data reduction"
 * counts it).
 */
final class ReductionJson {

    private ReductionJson() {
    }

    static ObjectNode of(ObjectMapper json, Map<String, QueryCounters> counters) {
        ObjectNode out = json.createObjectNode();
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
