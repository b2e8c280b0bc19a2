package org.intstream.onos;

import org.intstream.controller.dataplane.SlotHit;
import org.onosproject.net.DeviceId;

/** Receives each key a switch slot reported, once per key and window (duplicates are dropped before). */
@FunctionalInterface
public interface SlotHitListener {
    void hit(DeviceId device, SlotHit hit);
}
