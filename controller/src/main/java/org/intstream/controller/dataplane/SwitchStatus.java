package org.intstream.controller.dataplane;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the APIs show of a switch (`GET /switches` of the standalone controller, ONOS's REST and GUI), as
 * plain maps in field order for any JSON mapper: name, reporter, queries (slot or why not), report and epoch
 * counters, the clock calibration or its error, and the last error.
 */
public final class SwitchStatus {
    private SwitchStatus() {
    }

    public static Map<String, Object> of(SwitchRuntime sw) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("name", sw.name());
        n.put("reporter", sw.reporter());
        n.put("queries", sw.queries());
        n.put("reports", sw.reports());
        n.put("malformed_reports", sw.malformedReports());
        n.put("late_keys", sw.lateKeys());
        n.put("epochs_read", sw.epochsRead());
        ClockCalibration clock = sw.clockCalibration();
        if (clock != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("offset_us", clock.offsetMicros());
            c.put("skew_bound_us", clock.skewBoundMicros());
            c.put("correction_us", clock.correctionMicros());
            c.put("probes_answered", clock.probesAnswered());
            c.put("probes_sent", clock.probesSent());
            c.put("calibrated_at_us", clock.atMicros());
            n.put("clock", c);
        }
        if (sw.clockProblem() != null) {
            n.put("clock_error", sw.clockProblem());
        }
        if (sw.lastError() != null) {
            n.put("last_error", sw.lastError());
        }
        return n;
    }
}
