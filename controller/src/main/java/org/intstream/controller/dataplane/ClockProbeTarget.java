package org.intstream.controller.dataplane;

import org.intstream.query.partition.SwitchStage;

/**
 * What measuring a switch's clock with probes needs of the switch, whatever programs it (the standalone
 * controller's own P4Runtime client, or ONOS's services): a temporary slot for the probes, a way to send a frame
 * through its tables, and the clock offset it applies now.
 */
public interface ClockProbeTarget {
    /**
     * Places the probe slot (replacing one a calibration cut short left behind).
     *
     * @throws org.intstream.query.switchgen.SwitchResourceException when no slot is free
     */
    void installProbeSlot(SwitchStage stage);

    /** Removes the probe slot again. */
    void removeProbeSlot();

    /** Sends a frame as a packet-out through the switch's tables, as if it came in on the CPU port. */
    void sendThroughTables(byte[] frame);

    /** The clock offset the switch applies to the timestamps it stamps now, microseconds. */
    long clockOffsetMicros();
}
