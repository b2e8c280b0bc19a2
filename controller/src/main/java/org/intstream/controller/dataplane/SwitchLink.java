package org.intstream.controller.dataplane;

import java.util.List;
import org.intstream.engine.switchtwin.EpochSketch;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.switchgen.SlotProgram;

/**
 * How the controller core reaches one programmable switch running {@code intstream.p4}; the transport
 * (P4Runtime in the standalone controller, ONOS's own stack in the app) implements it, so the core stays free
 * of both. Calls for one switch may come from several threads.
 */
public interface SwitchLink {

    /** The switch's name in results and logs. */
    String name();

    /**
     * Places a query's switch stage in a free slot and writes its entries.
     *
     * @throws org.intstream.query.switchgen.SwitchResourceException naming the exhausted resource
     * @throws RuntimeException when the switch refuses or can't be reached
     */
    SlotProgram install(SwitchStage stage);

    /** Deletes a query's entries and frees its slot. */
    void remove(String query);

    /**
     * Reads a query's slot counters once the epoch has ended: that epoch's sketch. Called once per epoch, in
     * order.
     */
    EpochSketch readEpoch(String query, long epoch);

    /**
     * The keys a report packet-in names (none for slots that hold no query now).
     *
     * @throws MalformedReportException when the payload can't be read as a report
     */
    List<SlotHit> decode(byte[] reportPayload);
}
