package org.intstream.controller.dataplane;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.intstream.engine.switchtwin.EpochSketch;
import org.intstream.engine.switchtwin.SlotTwin;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.switchgen.IntStreamP4;
import org.intstream.query.switchgen.SlotProgram;

/**
 * The network-wide count-min sketch of one query's epoch: the per-epoch sketches several switches read, added
 * cell by cell. The sum is the sketch of the union of their packets only when the switches counted disjoint
 * packets (each packet at one edge port) into sketches of the same shape: the same width, key and distinct
 * masks, operation, filter and window (so the same epochs). Hashes and field packing are the program's own and
 * the same on every switch. A sketch that differs is refused with what differs. Immutable once built.
 */
final class MergedSketch {
    private static final int CELLS = IntStreamP4.SKETCH_ROWS * IntStreamP4.SKETCH_WIDTH;

    private final SwitchStage stage;
    private final long epoch;
    private final List<String> switches = new ArrayList<>();
    private final long[] packets = new long[CELLS];
    private final long[] bytes = new long[CELLS];
    private final SlotTwin hashes;

    private MergedSketch(SwitchStage stage, long epoch) {
        this.stage = stage;
        this.epoch = epoch;
        this.hashes = new SlotTwin(SlotProgram.of(stage, 0));
    }

    /**
     * Adds the readings' sketches cell by cell.
     *
     * @throws IllegalArgumentException when a reading is of another query, epoch or sketch shape, saying what
     *     differs
     */
    static MergedSketch of(List<SwitchEpoch> readings) {
        if (readings.isEmpty()) {
            throw new IllegalArgumentException("no sketch to merge");
        }
        SwitchEpoch first = readings.get(0);
        MergedSketch m = new MergedSketch(first.rows.stage(), first.epoch);
        for (SwitchEpoch r : readings) {
            String why = m.mismatch(r);
            if (why != null) {
                throw new IllegalArgumentException("switch " + r.switchName + "'s sketch of " + r.query.name()
                        + " epoch " + r.epoch + " can't be added cell by cell to switch " + first.switchName + "'s: "
                        + why);
            }
            m.add(r);
        }
        return m;
    }

    private String mismatch(SwitchEpoch r) {
        SwitchStage s = r.rows.stage();
        if (!s.query().equals(stage.query())) {
            return "query " + s.query() + " against " + stage.query();
        }
        if (r.epoch != epoch) {
            return "epoch " + r.epoch + " against " + epoch;
        }
        if (s.windowMicros() != stage.windowMicros()) {
            return "window " + s.windowMicros() + " us against " + stage.windowMicros() + " us";
        }
        if (s.width() != stage.width()) {
            return "width " + s.width() + " against " + stage.width();
        }
        if (!s.key().equals(stage.key())) {
            return "key " + s.key() + " against " + stage.key();
        }
        if (!Objects.equals(s.distinct(), stage.distinct())) {
            return "distinct " + s.distinct() + " against " + stage.distinct();
        }
        if (s.operation() != stage.operation()) {
            return "operation " + s.operation() + " against " + stage.operation();
        }
        if (!s.filter().equals(stage.filter())) {
            return "filter " + s.filter() + " against " + stage.filter();
        }
        return null;
    }

    private void add(SwitchEpoch r) {
        EpochSketch s = r.sketch;
        for (int row = 0; row < IntStreamP4.SKETCH_ROWS; row++) {
            for (int cell = 0; cell < stage.width(); cell++) {
                packets[row * IntStreamP4.SKETCH_WIDTH + cell] += s.packets(row, cell);
                bytes[row * IntStreamP4.SKETCH_WIDTH + cell] += s.bytes(row, cell);
            }
        }
        switches.add(r.switchName);
    }

    /** The switches whose sketches are in it, in the order added. */
    List<String> switches() {
        return List.copyOf(switches);
    }

    /**
     * The network-wide estimate of a key (masked 5-tuple): the minimum over the rows of the summed cells. Each
     * summed cell holds the key's packets (or bytes) at every switch plus whatever collided with it there, so
     * the estimate is never below the key's network-wide count (a distinct stage's Bloom false positives
     * aside).
     */
    long estimate(int[] key) {
        int[] cells = hashes.cellsOf(key[0], key[1], key[2], key[3], key[4]);
        long[] values = stage.operation() == SwitchStage.Operation.BYTES ? bytes : packets;
        long min = Long.MAX_VALUE;
        for (int row = 0; row < IntStreamP4.SKETCH_ROWS; row++) {
            min = Math.min(min, values[row * IntStreamP4.SKETCH_WIDTH + cells[row]]);
        }
        return min;
    }

    /** What the switches counted together in the epoch: packets, or bytes for a byte-sum stage. */
    long total() {
        long[] values = stage.operation() == SwitchStage.Operation.BYTES ? bytes : packets;
        long sum = 0;
        for (int cell = 0; cell < stage.width(); cell++) {
            sum += values[cell];
        }
        return sum;
    }

    /**
     * The count-min over-count bound, {@code ceil(e * total / width)}: with independent rows an estimate would
     * exceed the count by more with probability at most {@code e^-rows}. The rows are CRCs of the same bytes,
     * not independent, so the bound is what the tests measure against, not a guarantee.
     */
    long errorBound() {
        return (long) Math.ceil(Math.E * total() / stage.width());
    }
}
