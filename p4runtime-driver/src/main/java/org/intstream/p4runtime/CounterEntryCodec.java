package org.intstream.p4runtime;

import p4.config.v1.P4InfoOuterClass.Counter;
import p4.v1.P4RuntimeOuterClass.CounterEntry;
import p4.v1.P4RuntimeOuterClass.Entity;
import p4.v1.P4RuntimeOuterClass.Index;

/** Read requests for indirect counters by name (one cell or all) and their answers as {@link CounterReading}s. */
public final class CounterEntryCodec {

    private final P4InfoIndex index;

    public CounterEntryCodec(P4InfoIndex index) {
        this.index = index;
    }

    /** A read of one cell. */
    public Entity readOne(String counterName, long cell) {
        Counter counter = TableEntryCodec.checked(() -> index.counter(counterName), "counter read");
        if (cell < 0 || cell >= counter.getSize()) {
            throw new InvalidEntityException("counter " + counter.getPreamble().getName() + ": index " + cell
                    + " is not within 0.." + (counter.getSize() - 1));
        }
        return Entity.newBuilder().setCounterEntry(CounterEntry.newBuilder().setCounterId(counter.getPreamble().getId())
                .setIndex(Index.newBuilder().setIndex(cell))).build();
    }

    /** A wildcard read: no index means every cell. */
    public Entity readAll(String counterName) {
        Counter counter = TableEntryCodec.checked(() -> index.counter(counterName), "counter read");
        return Entity.newBuilder().setCounterEntry(CounterEntry.newBuilder().setCounterId(counter.getPreamble().getId()))
                .build();
    }

    public CounterReading decode(CounterEntry entry) {
        Counter counter = index.counter(entry.getCounterId());
        return new CounterReading(counter.getPreamble().getName(), entry.getIndex().getIndex(),
                entry.getData().getPacketCount(), entry.getData().getByteCount());
    }
}
