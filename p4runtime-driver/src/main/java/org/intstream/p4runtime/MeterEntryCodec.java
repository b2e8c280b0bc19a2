package org.intstream.p4runtime;

import p4.config.v1.P4InfoOuterClass.Meter;
import p4.v1.P4RuntimeOuterClass.Entity;
import p4.v1.P4RuntimeOuterClass.Index;
import p4.v1.P4RuntimeOuterClass.MeterConfig;
import p4.v1.P4RuntimeOuterClass.MeterEntry;

/** Meter configurations by name to P4Runtime {@code MeterEntry}, with the index checked against the size. */
public final class MeterEntryCodec {

    private final P4InfoIndex index;

    public MeterEntryCodec(P4InfoIndex index) {
        this.index = index;
    }

    public Entity encode(MeterConfigSpec spec) {
        Meter meter = TableEntryCodec.checked(() -> index.meter(spec.meter()), spec.describe());
        if (spec.index() >= meter.getSize()) {
            throw new InvalidEntityException(spec.describe() + ": index is past the meter's size " + meter.getSize());
        }
        MeterConfig config = MeterConfig.newBuilder().setCir(spec.cir()).setCburst(spec.cburst())
                .setPir(spec.pir()).setPburst(spec.pburst()).build();
        return Entity.newBuilder().setMeterEntry(MeterEntry.newBuilder().setMeterId(meter.getPreamble().getId())
                .setIndex(Index.newBuilder().setIndex(spec.index())).setConfig(config)).build();
    }

    /** A read of one cell's configuration. */
    public Entity readOne(String meterName, long cell) {
        Meter meter = TableEntryCodec.checked(() -> index.meter(meterName), "meter read");
        if (cell < 0 || cell >= meter.getSize()) {
            throw new InvalidEntityException("meter " + meter.getPreamble().getName() + ": index " + cell
                    + " is not within 0.." + (meter.getSize() - 1));
        }
        return Entity.newBuilder().setMeterEntry(MeterEntry.newBuilder().setMeterId(meter.getPreamble().getId())
                .setIndex(Index.newBuilder().setIndex(cell))).build();
    }

    public MeterConfigSpec decode(MeterEntry entry) {
        Meter meter = index.meter(entry.getMeterId());
        MeterConfig c = entry.getConfig();
        return new MeterConfigSpec(meter.getPreamble().getName(), entry.getIndex().getIndex(), c.getCir(),
                c.getCburst(), c.getPir(), c.getPburst());
    }
}
