package org.intstream.engine.switchtwin;

import org.intstream.query.partition.SwitchStage;
import org.intstream.query.switchgen.IntStreamP4;

/**
 * One epoch of a slot's count-min sketch, as read from the switch's counters: three rows of
 * {@link IntStreamP4#SKETCH_WIDTH} cells (the slot uses the first {@code width} of each), packets and bytes.
 * Immutable.
 */
public final class EpochSketch {
    private final SwitchStage stage;
    private final long epoch;
    private final long[] packets;
    private final long[] bytes;

    EpochSketch(SwitchStage stage, long epoch, long[] packets, long[] bytes) {
        this.stage = stage;
        this.epoch = epoch;
        this.packets = packets;
        this.bytes = bytes;
    }

    public long epoch() {
        return epoch;
    }

    /** The window's start, microseconds since the Unix epoch. */
    public long windowStartMicros() {
        return epoch * stage.windowMicros();
    }

    /** A cell's packet count. */
    public long packets(int row, int cell) {
        return packets[row * IntStreamP4.SKETCH_WIDTH + cell];
    }

    public long bytes(int row, int cell) {
        return bytes[row * IntStreamP4.SKETCH_WIDTH + cell];
    }

    /**
     * The count-min estimate of a key (5-tuple values; the slot's key masks apply): packets, or bytes for a
     * byte-sum stage; for a distinct stage, the number of distinct tuples. Never below the true value
     * except through the distinct stage's Bloom false positives.
     */
    public long estimate(int src, int dst, int proto, int sport, int dport) {
        int[] cells = SlotTwin.cells(stage, src, dst, proto, sport, dport);
        boolean byteSum = stage.operation() == SwitchStage.Operation.BYTES;
        long min = Long.MAX_VALUE;
        for (int row = 0; row < IntStreamP4.SKETCH_ROWS; row++) {
            min = Math.min(min, byteSum ? bytes(row, cells[row]) : packets(row, cells[row]));
        }
        return min;
    }

    /** Packets the slot counted in the epoch (each packet adds one to every row). */
    public long totalPackets() {
        long sum = 0;
        for (int i = 0; i < IntStreamP4.SKETCH_WIDTH; i++) {
            sum += packets[i];
        }
        return sum;
    }
}
