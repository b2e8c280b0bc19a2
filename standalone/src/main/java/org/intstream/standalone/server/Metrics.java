package org.intstream.standalone.server;

import java.util.Map;
import java.util.function.ToLongFunction;
import org.intstream.controller.agent.AgentStatus;
import org.intstream.controller.dataplane.SwitchRuntime;
import org.intstream.controller.merge.QueryCounters;
import org.intstream.controller.runtime.ControllerCore;

/** The controller's counters in Prometheus' text format: agents, switches, and per query only (never
 * per key). */
final class Metrics {
    private Metrics() {
    }

    static String prometheus(ControllerCore core) {
        StringBuilder b = new StringBuilder();
        long connected = core.agents().status().stream().filter(AgentStatus::connected).count();
        gauge(b, "intstream_agents_connected", "Agents with an open stream.", connected);
        gauge(b, "intstream_agents_known", "Agents connected or still waited for.", core.agents().status().size());
        gauge(b, "intstream_queries", "Queries running.", core.queries().list().size());
        switches(b, core.switches());
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

    /** Per switch (never per key): reports, malformed reports, keys that came after their epoch was read, reads. */
    private static void switches(StringBuilder b, Map<String, SwitchRuntime> switches) {
        if (switches.isEmpty()) {
            return;
        }
        counter(b, "intstream_switch_reports_total", switches, SwitchRuntime::reports);
        counter(b, "intstream_switch_malformed_reports_total", switches, SwitchRuntime::malformedReports);
        counter(b, "intstream_switch_late_keys_total", switches, SwitchRuntime::lateKeys);
        counter(b, "intstream_switch_epochs_read_total", switches, SwitchRuntime::epochsRead);
        // Calibrated switches only: how far their clock may be from the controller's.
        boolean typed = false;
        for (SwitchRuntime sw : switches.values()) {
            if (sw.clockCalibration() != null) {
                if (!typed) {
                    b.append("# TYPE intstream_switch_clock_skew_bound_us gauge\n");
                    typed = true;
                }
                b.append("intstream_switch_clock_skew_bound_us{switch=\"").append(sw.name()).append("\"} ")
                        .append(sw.clockCalibration().skewBoundMicros()).append('\n');
            }
        }
    }

    private static void counter(StringBuilder b, String name, Map<String, SwitchRuntime> switches,
            ToLongFunction<SwitchRuntime> value) {
        b.append("# TYPE ").append(name).append(" counter\n");
        for (SwitchRuntime sw : switches.values()) {
            b.append(name).append("{switch=\"").append(sw.name()).append("\"} ").append(value.applyAsLong(sw))
                    .append('\n');
        }
    }

    private static void gauge(StringBuilder b, String name, String help, long value) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(" gauge\n");
        b.append(name).append(' ').append(value).append('\n');
    }
}
