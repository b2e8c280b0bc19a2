package org.intstream.onos.runtime;

import org.onosproject.net.DeviceId;
import org.onosproject.net.pi.model.PiCounterId;

/** Reads a device's indirect counter array whole, as a switch slot's per-epoch reads need it. */
@FunctionalInterface
public interface IndirectCounterReader {
    /**
     * One read of every cell of an indirect counter.
     *
     * @param cells the counter's size: cells the device does not return read as zero
     * @return packets ({@code [0]}) and bytes ({@code [1]}) by cell index
     * @throws IllegalStateException when the device can't be read now (no client, no pipeconf, a failed read)
     */
    long[][] read(DeviceId device, PiCounterId counter, int cells);
}
