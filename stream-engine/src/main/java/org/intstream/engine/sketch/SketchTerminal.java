package org.intstream.engine.sketch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.exec.WindowBatch;
import org.intstream.engine.exec.WindowTerminal;
import org.intstream.engine.record.Record;

/**
 * {@code sketch}: one count-min sketch per window of {@code count()} or {@code sum(x)} by key, plus the
 * estimates of the heaviest keys seen (tracked as packets arrive, since a sketch can't list its keys).
 * The window's single row: total, shape, error bound, confidence, top keys, the sketch itself.
 */
public final class SketchTerminal extends WindowTerminal {
    private final CountMinSketch sketch;
    private final SketchKey key;
    private final Evaluator amount;
    private final int top;
    private final String valueName;
    // the heaviest keys seen so far: packed field values, boxed values for output, latest estimate
    private final long[][] candidateKeys;
    private final Object[][] candidateValues;
    private final long[] candidateEstimates;
    private int candidates;
    /**
     * The smallest estimate among the candidates once there are {@code top} of them, while every amount so far
     * was non-negative (so each key's estimate only grows): a key whose estimate is not above it can't enter
     * the candidates, and if it is one, its estimate can only equal the one kept, so nothing changes.
     */
    private long minEstimate;
    private boolean growing = true;
    private long skipped;

    SketchTerminal(CountMinSketch sketch, SketchKey key, Evaluator amount, int top, String valueName) {
        this.sketch = sketch;
        this.key = key;
        this.amount = amount;
        this.top = top;
        this.valueName = valueName;
        this.candidateKeys = new long[top][];
        this.candidateValues = new Object[top][];
        this.candidateEstimates = new long[top];
    }

    @Override
    public void add(Record r) {
        long a = 1;
        if (amount != null) {
            r.absent = false;
            a = amount.evalLong(r);
            if (r.absent) {
                r.absent = false;
                return;
            }
        }
        if (!key.read(r)) {
            skipped++;
            return;
        }
        if (a < 0) {
            growing = false;
        }
        long est = sketch.add(key.hi(), key.lo(), a);
        if (candidates == top && growing && est <= minEstimate) {
            return; // most keys of a skewed stream: no scan of the candidates
        }
        track(r, est);
    }

    /** Keeps the {@code top} keys with the largest estimates seen so far. */
    private void track(Record r, long est) {
        if (top == 0) {
            return;
        }
        int min = -1;
        for (int i = 0; i < candidates; i++) {
            if (key.sameAs(candidateKeys[i])) {
                candidateEstimates[i] = est;
                keepMinimum();
                return;
            }
            if (min < 0 || candidateEstimates[i] < candidateEstimates[min]) {
                min = i;
            }
        }
        int slot;
        if (candidates < top) {
            slot = candidates++;
        } else if (est > candidateEstimates[min]) {
            slot = min;
        } else {
            return;
        }
        candidateKeys[slot] = key.lo().clone();
        candidateValues[slot] = key.box(r);
        candidateEstimates[slot] = est;
        keepMinimum();
    }

    private void keepMinimum() {
        if (candidates < top) {
            return;
        }
        long m = Long.MAX_VALUE;
        for (int i = 0; i < candidates; i++) {
            m = Math.min(m, candidateEstimates[i]);
        }
        minEstimate = m;
    }

    /** The note every sketch result carries about its bound. */
    public static String boundNote(int rows, int width, long bound, double confidence) {
        return "count-min " + rows + "x" + width + ": estimates never under-count; over-count at most " + bound
                + " with confidence " + String.format("%.3f", confidence);
    }

    /** Whether a note is a sketch's bound note (a sum of several points' sketches has a bound of its own). */
    public static boolean isBoundNote(String note) {
        return note.startsWith("count-min ");
    }

    @Override
    public WindowBatch finish(long start, long end) {
        List<Integer> order = new ArrayList<>();
        long[] finalEstimates = new long[candidates];
        for (int i = 0; i < candidates; i++) {
            order.add(i);
            finalEstimates[i] = sketch.estimate(new long[candidateKeys[i].length], candidateKeys[i]);
        }
        order.sort((x, y) -> Long.compare(finalEstimates[y], finalEstimates[x]));
        List<String> topList = new ArrayList<>();
        for (int i : order) {
            topList.add(KeyText.of(candidateValues[i]) + "=" + finalEstimates[i]);
        }
        long bound = sketch.errorBound();
        Object[] row = {sketch.total(), (long) sketch.rows(), (long) sketch.width(), bound, sketch.confidence(),
            List.copyOf(topList), SketchValue.takenFrom(sketch, key.widths())};
        List<String> notes = new ArrayList<>();
        notes.add(boundNote(sketch.rows(), sketch.width(), bound, sketch.confidence()));
        if (skipped > 0) {
            notes.add(skipped + " records without an IPv4/complete key were not sketched");
        }
        WindowBatch b = new WindowBatch(start, end, List.<Object[]>of(row), true, notes, Map.of(valueName, bound));
        java.util.Arrays.fill(candidateKeys, null);
        java.util.Arrays.fill(candidateValues, null);
        candidates = 0;
        growing = true;
        skipped = 0;
        return b;
    }
}
