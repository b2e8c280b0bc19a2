package org.intstream.controller.dataplane;

import java.util.List;
import org.intstream.controller.query.DeployedQuery;
import org.intstream.engine.switchtwin.EpochSketch;
import org.intstream.query.switchgen.IntStreamP4;

/**
 * One switch's reading of one query's epoch: the slot's per-epoch count-min sketch and the keys the slot
 * reported in it. The readings of every switch running the query are combined by
 * {@link NetworkWideThresholds}. Immutable.
 */
final class SwitchEpoch {
    final String switchName;
    final String reporter;
    final DeployedQuery query;
    final SwitchRows rows;
    final long epoch;
    final EpochSketch sketch;
    final List<int[]> keys;
    /** False for the epoch the query was installed in: the switch counted only part of it. */
    final boolean complete;
    /** What the switch's clock calibration says of its epochs' alignment, or null when it was not measured. */
    final String clockNote;

    SwitchEpoch(String switchName, String reporter, DeployedQuery query, SwitchRows rows, long epoch,
            EpochSketch sketch, List<int[]> keys, boolean complete, String clockNote) {
        this.switchName = switchName;
        this.reporter = reporter;
        this.query = query;
        this.rows = rows;
        this.epoch = epoch;
        this.sketch = sketch;
        this.keys = List.copyOf(keys);
        this.complete = complete;
        this.clockNote = clockNote;
    }

    long windowStart() {
        return epoch * rows.stage().windowMicros();
    }

    long windowEnd() {
        return windowStart() + rows.stage().windowMicros();
    }

    long packets() {
        return sketch.totalPackets();
    }

    /** Bytes the slot counted: every packet adds its length to each row, so one row's sum. */
    long bytes() {
        long sum = 0;
        for (int cell = 0; cell < IntStreamP4.SKETCH_WIDTH; cell++) {
            sum += sketch.bytes(0, cell);
        }
        return sum;
    }
}
