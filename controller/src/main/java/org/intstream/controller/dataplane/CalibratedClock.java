package org.intstream.controller.dataplane;

import java.util.function.LongSupplier;

/**
 * The clock of a switch whose offset the controller measured ({@link ClockCalibration}): with that offset
 * the switch's clock is the controller's within the measured skew, so the controller follows the wall clock;
 * it keeps the latest calibration for results and the latest failure to calibrate again. Thread-safe.
 */
public final class CalibratedClock implements SwitchClock {
    private final LongSupplier wallMillis;
    private volatile ClockCalibration calibration;
    private volatile String problem;

    public CalibratedClock(LongSupplier wallMillis) {
        this.wallMillis = wallMillis;
    }

    @Override
    public long nowMicros() {
        return wallMillis.getAsLong() * 1000;
    }

    @Override
    public ClockCalibration calibration() {
        return calibration;
    }

    /** A new measurement, written to the switch. */
    public void calibrated(ClockCalibration c) {
        calibration = c;
        problem = null;
    }

    /** A calibration that failed; the previous offset stays in force. */
    public void failed(String why) {
        problem = why;
    }

    @Override
    public String problem() {
        return problem;
    }
}
