package org.intstream.onos.runtime;

import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_EGRESS_REPORT_REPORT_METER;

import java.util.List;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.meter.Band;
import org.onosproject.net.meter.DefaultBand;
import org.onosproject.net.meter.DefaultMeterRequest;
import org.onosproject.net.meter.Meter;
import org.onosproject.net.meter.MeterRequest;
import org.onosproject.net.meter.MeterScope;

/**
 * The report rate limit as an ONOS meter: cell 0 of {@code report_meter} (a v1model packets meter), in the
 * meter's own scope so ONOS's meter service translates it into that PI meter cell. v1model meters are
 * two-rate three-colour: the committed band ({@code MARK_YELLOW}) and the peak band ({@code MARK_RED}) get the
 * same rate and burst, so every report over the rate is red, dropped and counted in {@code report_counter[1]}.
 */
public final class ReportMeterRequests {
    /** The one cell of {@code report_meter}. */
    static final long REPORT_METER_INDEX = 0;

    private ReportMeterRequests() {
    }

    public static MeterScope scope() {
        return MeterScope.of(INT_STREAM_EGRESS_REPORT_REPORT_METER.id());
    }

    /**
     * @throws IllegalArgumentException when the rate or burst is not positive
     */
    public static MeterRequest add(DeviceId device, ApplicationId app, long packetsPerSecond, long burstPackets) {
        return builder(device, app, packetsPerSecond, burstPackets).add();
    }

    public static MeterRequest remove(DeviceId device, ApplicationId app, long packetsPerSecond, long burstPackets) {
        return builder(device, app, packetsPerSecond, burstPackets).remove();
    }

    private static MeterRequest.Builder builder(DeviceId device, ApplicationId app, long rate, long burst) {
        if (rate <= 0 || burst <= 0) {
            throw new IllegalArgumentException("the report meter needs a positive rate and burst, not " + rate
                    + " packets/s and " + burst + " packets");
        }
        Band committed = DefaultBand.builder().ofType(Band.Type.MARK_YELLOW).withRate(rate).burstSize(burst).build();
        Band peak = DefaultBand.builder().ofType(Band.Type.MARK_RED).withRate(rate).burstSize(burst).build();
        return DefaultMeterRequest.builder().forDevice(device).fromApp(app).withUnit(Meter.Unit.PKTS_PER_SEC)
                .burst().withBands(List.of(committed, peak)).withScope(scope()).withIndex(REPORT_METER_INDEX);
    }
}
