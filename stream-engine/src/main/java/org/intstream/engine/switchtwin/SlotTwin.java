package org.intstream.engine.switchtwin;

import java.util.Arrays;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.partition.TupleMasks;
import org.intstream.query.switchgen.IntStreamP4;
import org.intstream.query.switchgen.SlotProgram;

/**
 * One query slot of {@code intstream.p4} computed in Java, cell for cell: the same filter, epoch, hashes,
 * lazily reset registers and cumulative counters, so its counter values and reports must equal the
 * switch's (soft or BMv2) for the same packets. Used to check switches and, at the controller, to
 * interpret their counters.
 */
public final class SlotTwin {
    private static final long TAG_BIT = 0x80000000L;

    private SlotProgram program;
    private SwitchStage stage;
    private TupleMasks distinct;
    private final long[][] thresholdRows = new long[IntStreamP4.SKETCH_ROWS][IntStreamP4.SKETCH_WIDTH];
    private final long[] distinctCells = new long[IntStreamP4.DISTINCT_CELLS];
    private final long[] reportedCells = new long[IntStreamP4.REPORTED_CELLS];
    private final long[] counterPackets = new long[IntStreamP4.SLOT_COUNTER_CELLS];
    private final long[] counterBytes = new long[IntStreamP4.SLOT_COUNTER_CELLS];
    private final TupleHash keyHash = new TupleHash();
    private final TupleHash distinctHash = new TupleHash();
    private long filterPackets;
    private long filterBytes;

    public SlotTwin(SlotProgram program) {
        reprogram(program);
    }

    /**
     * Puts another program in the slot (or none), keeping the registers and counters: on the switch they
     * belong to the slot, not to the query, so a new query finds the old one's cells (tagged with past
     * epochs) and the counters keep accumulating.
     */
    public void reprogram(SlotProgram newProgram) {
        this.program = newProgram;
        this.stage = newProgram == null ? null : newProgram.stage();
        this.distinct = stage == null ? null : stage.distinct();
    }

    /** The program in the slot, or null. */
    public SlotProgram program() {
        return program;
    }

    /** The epoch a slot assigns to a clock value (microseconds), low 32 bits as the switch keeps it. */
    public long epochOf(long nowMicros) {
        return Long.divideUnsigned(nowMicros, stage.windowMicros()) & 0xFFFFFFFFL;
    }

    /**
     * Runs one packet through the slot.
     *
     * @param packetLength the frame's length as the switch received it
     * @return whether the slot fired (its key passed the threshold for the first time in the epoch)
     */
    boolean process(SwitchHeaders h, long nowMicros, int packetLength) {
        if (stage == null || !stage.admits(h.filterFields)) {
            return false;
        }
        filterPackets++;
        filterBytes += packetLength;
        long epoch = epochOf(nowMicros);
        long tag = epoch | TAG_BIT;
        int halfBase = (int) (epoch & 1) * IntStreamP4.SKETCH_ROWS * IntStreamP4.SKETCH_WIDTH;

        if (distinct != null) {
            distinctHash.compute(h, distinct);
            int mask = IntStreamP4.DISTINCT_CELLS - 1;
            int j0 = (int) (distinctHash.crc32 & mask);
            int j1 = distinctHash.crc16 & mask;
            int j2 = (int) ((distinctHash.crc32Reversed >>> 16) & mask);
            if (distinctCells[j0] == tag && distinctCells[j1] == tag && distinctCells[j2] == tag) {
                return false;
            }
            distinctCells[j0] = tag;
            distinctCells[j1] = tag;
            distinctCells[j2] = tag;
        }

        keyHash.compute(h, stage.key());
        int widthMask = stage.width() - 1;
        int[] cells = {
            (int) (keyHash.crc32 & widthMask),
            keyHash.crc16 & widthMask,
            (int) ((keyHash.crc32Reversed >>> 16) & widthMask),
        };
        long increment = stage.operation() == SwitchStage.Operation.BYTES ? packetLength & 0xFFFFFFFFL : 1;
        long estimate = Long.MAX_VALUE;
        for (int row = 0; row < IntStreamP4.SKETCH_ROWS; row++) {
            int index = halfBase + row * IntStreamP4.SKETCH_WIDTH + cells[row];
            counterPackets[index]++;
            counterBytes[index] += packetLength;
            long cell = thresholdRows[row][cells[row]];
            long value = (cell >>> 32) == tag ? ((cell & 0xFFFFFFFFL) + increment) & 0xFFFFFFFFL : increment;
            thresholdRows[row][cells[row]] = (tag << 32) | value;
            estimate = Math.min(estimate, value);
        }
        if (estimate > stage.threshold()) {
            int r = keyHash.crc16 & (IntStreamP4.REPORTED_CELLS - 1);
            long mark = (tag << 32) | keyHash.crc32;
            if (reportedCells[r] != mark) {
                reportedCells[r] = mark;
                return true;
            }
        }
        return false;
    }

    /** Cumulative packet counts of the slot's sketch counter, by index (a copy). */
    public long[] counterPackets() {
        return counterPackets.clone();
    }

    /** Cumulative byte counts of the slot's sketch counter, by index (a copy). */
    public long[] counterBytes() {
        return counterBytes.clone();
    }

    /** Packets and bytes the slot's filter table matched (its direct counter). */
    public long filterPackets() {
        return filterPackets;
    }

    public long filterBytes() {
        return filterBytes;
    }

    /** The three sketch cells a key value falls in (5-tuple fields; masked by the slot's key). */
    public int[] cellsOf(int src, int dst, int proto, int sport, int dport) {
        return cells(stage, src, dst, proto, sport, dport);
    }

    static int[] cells(SwitchStage stage, int src, int dst, int proto, int sport, int dport) {
        SwitchHeaders h = new SwitchHeaders();
        h.src = src;
        h.dst = dst;
        h.proto = proto;
        h.sport = sport;
        h.dport = dport;
        TupleHash t = new TupleHash();
        t.compute(h, stage.key());
        int widthMask = stage.width() - 1;
        return new int[] {(int) (t.crc32 & widthMask), t.crc16 & widthMask, (int) ((t.crc32Reversed >>> 16) & widthMask)};
    }

    @Override
    public String toString() {
        return "slot twin of " + (stage == null ? "no query" : stage.query()) + " ("
                + Arrays.stream(counterPackets).sum() / 3 + " packets counted)";
    }
}
