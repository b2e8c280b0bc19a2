package org.intstream.onos.testing;

import java.util.ArrayList;
import java.util.List;
import org.onosproject.net.meter.Meter;
import org.onosproject.net.meter.MeterRequest;
import org.onosproject.net.meter.MeterServiceAdapter;

/** Keeps the meter requests submitted, in order. */
public class RecordingMeterService extends MeterServiceAdapter {
    public final List<MeterRequest> submitted = new ArrayList<>();

    @Override
    public Meter submit(MeterRequest meter) {
        submitted.add(meter);
        return null;
    }
}
