package org.intstream.onos.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.intstream.controller.dataplane.ClockCalibration;
import org.intstream.controller.dataplane.SwitchRuntime;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;

/**
 * One of the controller core's switches as JSON, with the fields of the standalone controller's
 * {@code GET /switches}: name, reporter, queries (name: slot or why not), report and epoch counts, the clock
 * calibration when the switch's clock was measured ({@code clock}: offset, skew bound, correction, probes,
 * when), why the latest measurement failed ({@code clock_error}) and the last error.
 */
public final class SwitchCodec extends JsonCodec<SwitchRuntime> {
    @Override
    public ObjectNode encode(SwitchRuntime sw, CodecContext context) {
        return json(sw, context.mapper());
    }

    /** The switch's JSON, for the GUI as well. */
    public static ObjectNode json(SwitchRuntime sw, ObjectMapper mapper) {
        ObjectNode n = mapper.createObjectNode();
        n.put("name", sw.name());
        n.put("reporter", sw.reporter());
        n.set("queries", mapper.valueToTree(sw.queries()));
        n.put("reports", sw.reports());
        n.put("malformed_reports", sw.malformedReports());
        n.put("late_keys", sw.lateKeys());
        n.put("epochs_read", sw.epochsRead());
        ClockCalibration clock = sw.clockCalibration();
        if (clock != null) {
            ObjectNode c = n.putObject("clock");
            c.put("offset_us", clock.offsetMicros());
            c.put("skew_bound_us", clock.skewBoundMicros());
            c.put("correction_us", clock.correctionMicros());
            c.put("probes_answered", clock.probesAnswered());
            c.put("probes_sent", clock.probesSent());
            c.put("calibrated_at_us", clock.atMicros());
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
