package org.intstream.standalone.server;

import java.util.Map;
import org.intstream.controller.agent.AgentStatus;
import org.intstream.controller.merge.QueryCounters;
import org.intstream.controller.runtime.ControllerCore;

/** The controller's counters in Prometheus' text format: agents, and per query only (never per key). */
final class Metrics {
    private Metrics() {
    }

    static String prometheus(ControllerCore core) {
        StringBuilder b = new StringBuilder();
        long connected = core.agents().status().stream().filter(AgentStatus::connected).count();
        gauge(b, "intstream_agents_connected", "Agents with an open stream.", connected);
        gauge(b, "intstream_agents_known", "Agents connected or still waited for.", core.agents().status().size());
        gauge(b, "intstream_queries", "Queries running.", core.queries().list().size());
        Map<String, QueryCounters> counters = core.counters();
        if (counters.isEmpty()) {
            return b.toString();
        }
        for (String metric : counters.values().iterator().next().snapshot().keySet()) {
            String name = "intstream_query_" + metric + "_total";
            b.append("# TYPE ").append(name).append(" counter\n");
            for (Map.Entry<String, QueryCounters> e : counters.entrySet()) {
                b.append(name).append("{query=\"").append(e.getKey()).append("\"} ")
                        .append(e.getValue().snapshot().get(metric)).append('\n');
            }
        }
        return b.toString();
    }

    private static void gauge(StringBuilder b, String name, String help, long value) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(" gauge\n");
        b.append(name).append(' ').append(value).append('\n');
    }
}
