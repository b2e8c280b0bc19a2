package org.intstream.onos.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.intstream.onos.pipeconf.PipeconfLoader;
import org.junit.jupiter.api.Test;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.meter.Band;
import org.onosproject.net.meter.Meter;
import org.onosproject.net.meter.MeterRequest;
import org.onosproject.net.pi.model.PiMeterModel;

/** The report meter request names the P4 meter's only cell, in packets, with a committed and a peak band. */
class ReportMeterRequestsTest {
    private static final DeviceId S1 = DeviceId.deviceId("device:s1");

    @Test
    void add() {
        MeterRequest r = ReportMeterRequests.add(S1, new DefaultApplicationId(1, "org.intstream.app"), 500, 20);
        PiMeterModel model = PipeconfLoader.pipelineModel().meter(
                org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_EGRESS_REPORT_REPORT_METER).orElseThrow();
        assertThat(r.scope().id()).isEqualTo(model.id().id());
        assertThat(r.index()).contains(0L);
        assertThat(model.size()).as("the cell exists").isGreaterThan(r.index().get());
        assertThat(model.unit()).isEqualTo(PiMeterModel.Unit.PACKETS);
        assertThat(r.unit()).isEqualTo(Meter.Unit.PKTS_PER_SEC);
        assertThat(r.isBurst()).isTrue();
        assertThat(r.bands()).extracting(Band::type).containsExactlyInAnyOrder(Band.Type.MARK_YELLOW, Band.Type.MARK_RED);
        assertThat(r.bands()).allSatisfy(b -> {
            assertThat(b.rate()).isEqualTo(500);
            assertThat(b.burst()).isEqualTo(20);
        });
    }

    @Test
    void aRateOrBurstBelowOneIsRefused() {
        assertThatThrownBy(() -> ReportMeterRequests.add(S1, new DefaultApplicationId(1, "a"), 0, 20))
                .hasMessage("the report meter needs a positive rate and burst, not 0 packets/s and 20 packets");
    }
}
