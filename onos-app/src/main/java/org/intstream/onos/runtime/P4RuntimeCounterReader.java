package org.intstream.onos.runtime;

import org.onosproject.net.DeviceId;
import org.onosproject.net.config.NetworkConfigService;
import org.onosproject.net.pi.model.PiCounterId;
import org.onosproject.net.pi.model.PiPipeconf;
import org.onosproject.net.pi.runtime.PiCounterCell;
import org.onosproject.net.pi.service.PiPipeconfService;
import org.onosproject.p4runtime.api.P4RuntimeClient;
import org.onosproject.p4runtime.api.P4RuntimeController;
import org.onosproject.p4runtime.api.P4RuntimeReadClient;

/**
 * Reads indirect counters through the P4Runtime client ONOS already holds for the device (its
 * {@link P4RuntimeController}): one wildcard read of the counter, translated back by ONOS into
 * {@link PiCounterCell}s. ONOS 2.7 has no device-level service for indirect counters (its flow rule stats
 * read only direct ones), and a second P4Runtime client would fight ONOS's over mastership.
 */
final class P4RuntimeCounterReader implements IndirectCounterReader {
    private final P4RuntimeController controller;
    private final PiPipeconfService pipeconfs;
    private final NetworkConfigService netcfg;

    P4RuntimeCounterReader(P4RuntimeController controller, PiPipeconfService pipeconfs, NetworkConfigService netcfg) {
        this.controller = controller;
        this.pipeconfs = pipeconfs;
        this.netcfg = netcfg;
    }

    @Override
    public long[][] read(DeviceId device, PiCounterId counter, int cells) {
        P4RuntimeClient client = controller.get(device);
        if (client == null) {
            throw new IllegalStateException("ONOS holds no P4Runtime client for " + device + " (not connected)");
        }
        PiPipeconf pipeconf = pipeconfs.getPipeconf(device).orElseThrow(() -> new IllegalStateException(
                "device " + device + " has no pipeconf bound"));
        P4RuntimeReadClient.ReadResponse response = client.read(P4DeviceIds.of(netcfg, device), pipeconf)
                .counterCells(counter).submitSync();
        if (!response.isSuccess()) {
            throw new IllegalStateException("reading " + counter + " of " + device + " failed: "
                    + response.explanation());
        }
        long[] packets = new long[cells];
        long[] bytes = new long[cells];
        for (PiCounterCell c : response.all(PiCounterCell.class)) {
            long index = c.cellId().index();
            if (!c.cellId().counterId().equals(counter) || index < 0 || index >= cells) {
                throw new IllegalStateException("reading " + counter + " of " + device + ": the device returned "
                        + c.cellId() + ", outside the counter's " + cells + " cells");
            }
            packets[(int) index] = c.data().packets();
            bytes[(int) index] = c.data().bytes();
        }
        return new long[][] {packets, bytes};
    }
}
