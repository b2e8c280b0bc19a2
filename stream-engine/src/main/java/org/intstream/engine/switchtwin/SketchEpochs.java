package org.intstream.engine.switchtwin;

import org.intstream.query.partition.SwitchStage;
import org.intstream.query.switchgen.IntStreamP4;

/**
 * Turns cumulative reads of a slot's {@code sketch_counter} into per-epoch count-min sketches, as the
 * controller must: the counter is never reset, each epoch writes the half of its parity, so an epoch's
 * cells are that half now minus that half at the previous read. Reading once after each epoch ends gives
 * every epoch exactly; a missed read folds two epochs of the same parity together, never loses counts.
 */
public final class SketchEpochs {
    private static final int HALF = IntStreamP4.SKETCH_ROWS * IntStreamP4.SKETCH_WIDTH;

    private final SwitchStage stage;
    private final long[] lastPackets = new long[IntStreamP4.SLOT_COUNTER_CELLS];
    private final long[] lastBytes = new long[IntStreamP4.SLOT_COUNTER_CELLS];

    public SketchEpochs(SwitchStage stage) {
        this.stage = stage;
    }

    /**
     * Starts from a read taken before the query's entries were written: the counter belongs to the slot and
     * still holds what earlier queries counted.
     */
    public SketchEpochs(SwitchStage stage, long[] cumulativePackets, long[] cumulativeBytes) {
        this(stage);
        System.arraycopy(cumulativePackets, 0, lastPackets, 0, lastPackets.length);
        System.arraycopy(cumulativeBytes, 0, lastBytes, 0, lastBytes.length);
    }

    /**
     * The cells an epoch added, from a cumulative read taken after it ended (packets and bytes by counter
     * index, each {@link IntStreamP4#SLOT_COUNTER_CELLS} long).
     */
    public EpochSketch close(long epoch, long[] cumulativePackets, long[] cumulativeBytes) {
        if (cumulativePackets.length != IntStreamP4.SLOT_COUNTER_CELLS
                || cumulativeBytes.length != IntStreamP4.SLOT_COUNTER_CELLS) {
            throw new IllegalArgumentException("a sketch counter read has " + IntStreamP4.SLOT_COUNTER_CELLS
                    + " cells; got " + cumulativePackets.length + " and " + cumulativeBytes.length);
        }
        int base = (int) (epoch & 1) * HALF;
        long[] packets = new long[HALF];
        long[] bytes = new long[HALF];
        for (int i = 0; i < HALF; i++) {
            packets[i] = cumulativePackets[base + i] - lastPackets[base + i];
            bytes[i] = cumulativeBytes[base + i] - lastBytes[base + i];
            lastPackets[base + i] = cumulativePackets[base + i];
            lastBytes[base + i] = cumulativeBytes[base + i];
        }
        return new EpochSketch(stage, epoch, packets, bytes);
    }
}
