package org.intstream.onos;

import java.util.List;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.switchgen.SlotProgram;
import org.onosproject.net.DeviceId;

/**
 * Query slots of the devices that run intstream.p4: installs and removes switch stages as flow rules,
 * and turns the switches' reports into the keys the slots fired on.
 */
public interface SwitchSlotService {
    /**
     * Places a stage in the device's lowest free slot and writes its entries.
     *
     * @throws IllegalArgumentException when the device does not run IntStream's pipeconf or already holds the
     *         query
     * @throws org.intstream.query.switchgen.SwitchResourceException naming the switch resource the stage
     *         exceeds (nothing is written then)
     */
    SlotProgram install(DeviceId device, SwitchStage stage);

    /**
     * Removes a query's entries from the device and frees its slot.
     *
     * @throws IllegalArgumentException when the query is not installed there
     */
    SlotProgram remove(DeviceId device, String query);

    /**
     * Drops what this instance knows of a device's slots without touching the device: another ONOS instance
     * became its master and programs it now (the flow rules stay in ONOS's distributed flow rule store).
     */
    void forget(DeviceId device);

    /** The programs installed on a device, by slot. */
    List<SlotProgram> installed(DeviceId device);

    /** Keys reported by any device from now on go to the listener too. */
    void addListener(SlotHitListener listener);

    void removeListener(SlotHitListener listener);
}
