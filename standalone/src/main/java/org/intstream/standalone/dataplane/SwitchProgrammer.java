package org.intstream.standalone.dataplane;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.intstream.controller.dataplane.ReportDecoder;
import org.intstream.engine.switchtwin.EpochSketch;
import org.intstream.engine.switchtwin.SketchEpochs;
import org.intstream.p4runtime.ActionSpec;
import org.intstream.p4runtime.CloneSessionSpec;
import org.intstream.p4runtime.CounterReading;
import org.intstream.p4runtime.Match;
import org.intstream.p4runtime.P4RuntimeClient;
import org.intstream.p4runtime.P4Value;
import org.intstream.p4runtime.TableEntrySpec;
import org.intstream.p4runtime.WriteBatch;
import org.intstream.query.partition.SwitchField;
import org.intstream.query.partition.SwitchMatch;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.switchgen.IntStreamP4;
import org.intstream.query.switchgen.SlotAllocator;
import org.intstream.query.switchgen.SlotProgram;

/**
 * Programs one {@code intstream.p4} switch through the P4Runtime driver: the report clone session, the clock
 * offset and edge ports once, then query slots installed and removed at runtime by table writes (no pipeline
 * reload), per-epoch reads of each slot's counters, and decoding of its reports. When the switch has edge
 * ports, every slot counts only packets that enter through one of them, so a packet crossing several switches
 * is counted once, where it enters the network (what adding the switches' counts relies on). Thread-safe:
 * operations on one switch are serialized.
 */
public final class SwitchProgrammer {
    private final P4RuntimeClient client;
    private final SlotAllocator slots;
    private final ReportDecoder reports;
    private final SketchEpochs[] epochs = new SketchEpochs[IntStreamP4.SLOTS];
    private boolean edgePortsOnly;
    private long clockOffsetMicros;

    public SwitchProgrammer(P4RuntimeClient client, String switchName) {
        this.client = client;
        this.slots = new SlotAllocator(switchName);
        this.reports = new ReportDecoder(slot -> slots.slot(slot).orElse(null));
        // A switch that lost its pipeline restarted: the driver writes every entry back, and its counters start
        // again from zero, so each slot's next epoch is read against a zero baseline.
        client.addResyncListener(report -> {
            if (report.pipelinePushed()) {
                countersRestarted();
            }
        });
    }

    private synchronized void countersRestarted() {
        for (SlotProgram p : slots.installed()) {
            epochs[p.slot()] = new SketchEpochs(p.stage());
        }
    }

    /** Writes what every query relies on: reports cloned to the CPU port, the clock offset, the edge ports. */
    public synchronized void prepare(long clockOffsetMicros, Set<Integer> edgePorts) {
        WriteBatch batch = client.batch()
                .insert(CloneSessionSpec.toPort(IntStreamP4.REPORT_CLONE_SESSION_ID, IntStreamP4.CPU_PORT));
        for (int port : edgePorts) {
            batch.insert(TableEntrySpec.builder(IntStreamP4.EDGE_PORTS_TABLE).exact("ingress_port", port)
                    .action(IntStreamP4.MARK_EDGE).build());
        }
        batch.write();
        setClockOffset(clockOffsetMicros);
        edgePortsOnly = !edgePorts.isEmpty();
    }

    /** The offset that turns the switch's clock into Unix microseconds. */
    public synchronized void setClockOffset(long micros) {
        client.setDefaultAction(IntStreamP4.CLOCK_TABLE,
                ActionSpec.of(IntStreamP4.SET_CLOCK_OFFSET).param("offset", P4Value.of(micros)));
        clockOffsetMicros = micros;
    }

    /** The clock offset last written. */
    public synchronized long clockOffset() {
        return clockOffsetMicros;
    }

    /**
     * Places a query's switch stage in a free slot and writes its entries.
     *
     * @throws org.intstream.query.switchgen.SwitchResourceException naming the exhausted resource, before
     *     anything is written
     */
    public synchronized SlotProgram install(SwitchStage stage) {
        SlotProgram program = slots.place(edgePortsOnly ? atEdgePorts(stage) : stage);
        try {
            // The counter belongs to the slot and keeps what earlier queries counted: read it while the slot
            // is idle, so the first epoch's values are this query's alone.
            long[][] baseline = readSketchCounter(program);
            epochs[program.slot()] = new SketchEpochs(stage, baseline[0], baseline[1]);
            WriteBatch batch = client.batch();
            for (TableEntrySpec e : entries(program)) {
                batch.insert(e);
            }
            batch.write();
        } catch (RuntimeException e) {
            slots.remove(stage.query());
            epochs[program.slot()] = null;
            throw e;
        }
        return program;
    }

    /**
     * Places a stage that counts packets entering at any port, edge or not (the controller's own probes, which
     * enter from the CPU port), and writes its entries. Its counters are never read.
     *
     * @throws org.intstream.query.switchgen.SwitchResourceException when no slot is free
     */
    public synchronized SlotProgram installEverywhere(SwitchStage stage) {
        SlotProgram program = slots.place(stage);
        try {
            WriteBatch batch = client.batch();
            for (TableEntrySpec e : entries(program)) {
                batch.insert(e);
            }
            batch.write();
        } catch (RuntimeException e) {
            slots.remove(stage.query());
            throw e;
        }
        return program;
    }

    /** The stage with every filter entry also requiring {@code is_edge}: packets entering at an edge port. */
    public static SwitchStage atEdgePorts(SwitchStage stage) {
        List<SwitchMatch> filter = new ArrayList<>();
        for (SwitchMatch m : stage.filter()) {
            SwitchMatch edge = m.and(SwitchField.IS_EDGE, 1, 1);
            if (edge != null) {
                filter.add(edge);
            }
        }
        return new SwitchStage(stage.query(), filter, stage.key(), stage.distinct(), stage.operation(),
                stage.threshold(), stage.windowMicros(), stage.width(), stage.candidate(), stage.keyColumns());
    }

    /** Deletes a query's entries and frees its slot. */
    public synchronized SlotProgram remove(String query) {
        SlotProgram program = slots.find(query).orElseThrow(() -> new IllegalArgumentException(
                "query " + query + " is not installed on this switch"));
        WriteBatch batch = client.batch();
        for (TableEntrySpec e : entries(program)) {
            batch.delete(e);
        }
        batch.write();
        slots.remove(query);
        epochs[program.slot()] = null;
        return program;
    }

    /** Replaces a query's stage (new parameters): its entries are removed, then the new ones written. */
    public synchronized SlotProgram replace(SwitchStage stage) {
        remove(stage.query());
        return install(stage);
    }

    public synchronized List<SlotProgram> installed() {
        return slots.installed();
    }

    /**
     * Reads a query's slot counters once an epoch has ended and returns that epoch's sketch. Call it once
     * per epoch, after the switch clock has passed the epoch's end.
     */
    public synchronized EpochSketch readEpoch(String query, long epoch) {
        SlotProgram program = slots.find(query).orElseThrow(() -> new IllegalArgumentException(
                "query " + query + " is not installed on this switch"));
        long[][] read = readSketchCounter(program);
        return epochs[program.slot()].close(epoch, read[0], read[1]);
    }

    /** One wildcard read of a slot's counter: packets and bytes by index. */
    private long[][] readSketchCounter(SlotProgram program) {
        long[] packets = new long[IntStreamP4.SLOT_COUNTER_CELLS];
        long[] bytes = new long[IntStreamP4.SLOT_COUNTER_CELLS];
        for (CounterReading c : client.readCounters(program.sketchCounter())) {
            packets[(int) c.index()] = c.packets();
            bytes[(int) c.index()] = c.bytes();
        }
        return new long[][] {packets, bytes};
    }

    /** The decoder of this switch's reports (it knows which query each slot holds). */
    public ReportDecoder reports() {
        return reports;
    }

    /** The driver's form of a slot program's entries. */
    static List<TableEntrySpec> entries(SlotProgram program) {
        return program.entries().stream().map(SwitchProgrammer::toDriver).collect(java.util.stream.Collectors.toList());
    }

    private static TableEntrySpec toDriver(org.intstream.query.switchgen.TableEntrySpec e) {
        TableEntrySpec.Builder b = TableEntrySpec.builder(e.table()).priority(e.priority());
        for (Map.Entry<String, org.intstream.query.switchgen.TableEntrySpec.Match> m : e.matches().entrySet()) {
            b.match(m.getKey(), Match.ternary(value(m.getValue().value()), value(m.getValue().mask())));
        }
        ActionSpec action = ActionSpec.of(e.action());
        for (Map.Entry<String, BigInteger> p : e.params().entrySet()) {
            action = action.param(p.getKey(), value(p.getValue()));
        }
        return b.action(action).build();
    }

    private static P4Value value(BigInteger v) {
        return P4Value.of(v.toByteArray());
    }
}
