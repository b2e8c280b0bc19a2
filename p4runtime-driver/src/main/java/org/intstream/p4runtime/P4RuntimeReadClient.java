package org.intstream.p4runtime;

import java.util.List;
import java.util.OptionalLong;

/**
 * The reading side of a P4Runtime client, by P4Info name: what a collector that only reads counters or
 * checks entries needs, and what a test double of it has to provide.
 */
public interface P4RuntimeReadClient {

    /** Every entry of one table (without the default action). */
    List<TableEntrySpec> readTableEntries(String table);

    ActionSpec readDefaultAction(String table);

    List<CloneSessionSpec> readCloneSessions();

    List<MulticastGroupSpec> readMulticastGroups();

    /** One cell of an indirect counter. */
    CounterReading readCounter(String counter, long cellIndex);

    /** Every cell of an indirect counter, in index order, in one wildcard read. */
    List<CounterReading> readCounters(String counter);

    MeterConfigSpec readMeterConfig(String meter, long cellIndex);

    /** The cookie of the pipeline the switch runs; empty when it runs none. */
    OptionalLong pipelineCookie();
}
