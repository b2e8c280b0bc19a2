package org.intstream.onos.runtime;

import java.util.List;
import java.util.Optional;
import org.intstream.controller.dataplane.ReportDecoder;
import org.intstream.controller.dataplane.SlotHit;
import org.intstream.controller.dataplane.SwitchLink;
import org.intstream.engine.switchtwin.EpochSketch;
import org.intstream.engine.switchtwin.SketchEpochs;
import org.intstream.onos.SwitchSlotService;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.switchgen.IntStreamP4;
import org.intstream.query.switchgen.SlotProgram;
import org.onosproject.net.DeviceId;
import org.onosproject.net.pi.model.PiCounterId;

/**
 * One ONOS device as the controller core's switch: slots are programmed through {@link SwitchSlotService}
 * (flow rules), and each ended epoch of a slot is one wildcard read of its {@code sketch_counter} through
 * ONOS's P4Runtime client, turned into that epoch's counts by subtracting the previous cumulative read of the
 * same half (the counters are double-buffered by epoch parity and never reset; docs/switch.md). Only the ONOS
 * instance that is the device's master programs and reads it: while this one is not, installs and reads are
 * refused and removals leave the device alone. Thread-safe.
 */
final class DeviceSwitchLink implements SwitchLink {
    private final DeviceId device;
    private final SwitchSlotService slots;
    private final IndirectCounterReader counters;
    private final ReportDecoder decoder;
    private final SketchEpochs[] epochs = new SketchEpochs[IntStreamP4.SLOTS];
    private boolean master;

    DeviceSwitchLink(DeviceId device, SwitchSlotService slots, IndirectCounterReader counters) {
        this.device = device;
        this.slots = slots;
        this.counters = counters;
        this.decoder = new ReportDecoder(slot -> program(slot).orElse(null));
    }

    DeviceId device() {
        return device;
    }

    @Override
    public String name() {
        return device.toString();
    }

    /** Whether this instance programs and reads the device now; losing it forgets the epochs' baselines. */
    synchronized void master(boolean isMaster) {
        if (!isMaster) {
            java.util.Arrays.fill(epochs, null);
        }
        master = isMaster;
    }

    synchronized boolean master() {
        return master;
    }

    /**
     * Adopts the program the slot service already holds for the stage's query (IntStreamManager places it on
     * submit), or installs it; then reads the slot's counter as the baseline of its first epoch.
     */
    @Override
    public synchronized SlotProgram install(SwitchStage stage) {
        requireMaster("install " + stage.query());
        SlotProgram program = find(stage.query()).orElse(null);
        if (program != null && !program.stage().equals(stage)) {
            slots.remove(device, stage.query());
            program = null;
        }
        boolean installedHere = program == null;
        if (installedHere) {
            program = slots.install(device, stage);
        }
        try {
            long[][] baseline = read(program);
            epochs[program.slot()] = new SketchEpochs(stage, baseline[0], baseline[1]);
        } catch (RuntimeException e) {
            if (installedHere) {
                slots.remove(device, stage.query());
            }
            throw e;
        }
        return program;
    }

    @Override
    public synchronized void remove(String query) {
        Optional<SlotProgram> program = find(query);
        if (program.isEmpty()) {
            return;
        }
        epochs[program.get().slot()] = null;
        if (master) {
            slots.remove(device, query);
        }
    }

    @Override
    public synchronized EpochSketch readEpoch(String query, long epoch) {
        requireMaster("read " + query);
        SlotProgram program = find(query).orElseThrow(() -> new IllegalStateException(
                "query " + query + " holds no slot of " + device));
        SketchEpochs halves = epochs[program.slot()];
        if (halves == null) {
            throw new IllegalStateException("query " + query + " on " + device + " has no counter baseline");
        }
        long[][] read = read(program);
        return halves.close(epoch, read[0], read[1]);
    }

    @Override
    public synchronized List<SlotHit> decode(byte[] reportPayload) {
        return decoder.decode(reportPayload);
    }

    private long[][] read(SlotProgram program) {
        return counters.read(device, PiCounterId.of(program.sketchCounter()), IntStreamP4.SLOT_COUNTER_CELLS);
    }

    private Optional<SlotProgram> find(String query) {
        return slots.installed(device).stream().filter(p -> p.stage().query().equals(query)).findFirst();
    }

    private Optional<SlotProgram> program(int slot) {
        return slots.installed(device).stream().filter(p -> p.slot() == slot).findFirst();
    }

    private void requireMaster(String what) {
        if (!master) {
            throw new IllegalStateException("can't " + what + ": this ONOS instance is not the master of " + device);
        }
    }
}
