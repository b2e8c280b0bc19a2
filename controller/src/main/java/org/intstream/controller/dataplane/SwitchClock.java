package org.intstream.controller.dataplane;

import java.util.function.LongSupplier;

/**
 * What the controller knows of a switch's clock (the switch's timestamp plus the offset it was given, in Unix
 * microseconds): an epoch is read only once this clock has passed its end. A live switch whose offset makes
 * its clock Unix time follows the wall clock; a soft switch replaying a capture runs on the packets' time,
 * which the controller learns from the reports ({@link ReplayClock}).
 */
public interface SwitchClock {

    /** A lower bound of the switch's clock now, Unix microseconds. */
    long nowMicros();

    /** A report stamped by the switch at {@code switchMicros} arrived. */
    default void reported(long switchMicros) {
    }

    /** The latest measurement of the switch's clock against the controller's, or null when it is not measured. */
    default ClockCalibration calibration() {
        return null;
    }

    /** Why the latest measurement of the switch's clock failed, or null. */
    default String problem() {
        return null;
    }

    /** The wall clock: for switches whose offset makes their clock Unix time. */
    static SwitchClock wall(LongSupplier clockMillis) {
        return () -> clockMillis.getAsLong() * 1000;
    }
}
