package org.intstream.onos;

import org.intstream.controller.dataplane.SlotHit;
import org.onosproject.net.DeviceId;

/** Receives each key a switch slot reported, once per key and window (duplicates are dropped before). */
@FunctionalInterface
public interface SlotHitListener {
    void hit(DeviceId device, SlotHit hit);

    /**
     * A report packet-in as the switch sent it (report header and truncated frame), before it is decoded: the
     * controller core decodes it again per epoch and moves its view of the switch's clock by its timestamp.
     */
    default void report(DeviceId device, byte[] payload) {
    }
}
