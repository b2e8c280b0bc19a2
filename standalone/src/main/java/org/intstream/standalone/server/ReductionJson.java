package org.intstream.standalone.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.intstream.controller.merge.QueryCounters;

/**
 * The data reduction per running query and in total: the bytes of partial results that crossed from the
 * agents into the global stage, against what a central collector would receive for the packets the
 * observation points saw, each packet's 5-tuple and length (15 bytes, as BENCHMARKS.md "Data reduction"
 * counts it).
 */
final class ReductionJson {
    /** A packet's addresses, protocol, ports and length: what a central collector needs of each. */
    static final int CENTRAL_BYTES_PER_PACKET = 15;

    private ReductionJson() {
    }

    static ObjectNode of(ObjectMapper json, Map<String, QueryCounters> counters) {
        ObjectNode out = json.createObjectNode();
        out.put("central_bytes_per_packet", CENTRAL_BYTES_PER_PACKET);
        long packets = 0;
        long bytes = 0;
        long crossing = 0;
        ArrayNode list = out.putArray("queries");
        for (Map.Entry<String, QueryCounters> e : counters.entrySet()) {
            Map<String, Long> c = e.getValue().snapshot();
            ObjectNode q = list.addObject();
            q.put("query", e.getKey());
            figures(q, c.get("packets"), c.get("bytes"), c.get("bytes_crossing"));
            packets += c.get("packets");
            bytes += c.get("bytes");
            crossing += c.get("bytes_crossing");
        }
        figures(out.putObject("total"), packets, bytes, crossing);
        return out;
    }

    private static void figures(ObjectNode n, long packets, long bytes, long crossing) {
        long central = packets * CENTRAL_BYTES_PER_PACKET;
        n.put("packets", packets);
        n.put("bytes", bytes);
        n.put("bytes_crossing", crossing);
        n.put("central_bytes", central);
        if (central == 0) {
            n.putNull("reduction"); // nothing observed yet: no ratio
        } else {
            n.put("reduction", 1 - (double) crossing / central);
        }
    }
}
