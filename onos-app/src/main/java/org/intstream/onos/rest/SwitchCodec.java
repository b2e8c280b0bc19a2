package org.intstream.onos.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.intstream.controller.dataplane.SwitchRuntime;
import org.intstream.controller.dataplane.SwitchStatus;
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
        return mapper.valueToTree(SwitchStatus.of(sw));
    }
}
