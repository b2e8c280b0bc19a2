package org.intstream.onos.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.intstream.onos.runtime.IndirectCounterReader;
import org.onosproject.net.DeviceId;
import org.onosproject.net.pi.model.PiCounterId;

/**
 * Indirect counters as a switch keeps them: cumulative, never reset; the test adds packets and bytes to cells
 * and every read returns what is there now. Reads are recorded as "device counter".
 */
public class CumulativeCounters implements IndirectCounterReader {
    private final Map<String, long[][]> counters = new HashMap<>();
    public final List<String> reads = new ArrayList<>();
    /** When set, reads fail with this message (a device that can't be reached). */
    public String failure;

    public synchronized void add(DeviceId device, PiCounterId counter, int cell, long packets, long bytes) {
        long[][] c = counters.computeIfAbsent(device + " " + counter.id(), k -> new long[2][0]);
        if (c[0].length <= cell) {
            c[0] = java.util.Arrays.copyOf(c[0], cell + 1);
            c[1] = java.util.Arrays.copyOf(c[1], cell + 1);
        }
        c[0][cell] += packets;
        c[1][cell] += bytes;
    }

    @Override
    public synchronized long[][] read(DeviceId device, PiCounterId counter, int cells) {
        reads.add(device + " " + counter.id());
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        long[][] out = new long[2][cells];
        long[][] c = counters.get(device + " " + counter.id());
        if (c != null) {
            System.arraycopy(c[0], 0, out[0], 0, Math.min(cells, c[0].length));
            System.arraycopy(c[1], 0, out[1], 0, Math.min(cells, c[1].length));
        }
        return out;
    }
}
