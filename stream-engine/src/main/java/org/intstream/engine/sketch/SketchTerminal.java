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
public final class SketchTerminal implements WindowTerminal {
    private final CountMinSketch sketch;
    private final SketchKey key;
    private final Evaluator amount;
    private final int top;
    private final String valueName;
    private final List<long[]> candidateKeys = new ArrayList<>();
    private final List<Object[]> candidateValues = new ArrayList<>();
    private final List<Long> candidateEstimates = new ArrayList<>();
    private long skipped;

    SketchTerminal(CountMinSketch sketch, SketchKey key, Evaluator amount, int top, String valueName) {
        this.sketch = sketch;
        this.key = key;
        this.amount = amount;
        this.top = top;
        this.valueName = valueName;
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
        long est = sketch.add(key.hi(), key.lo(), a);
        track(r, est);
    }

    /** Keeps the {@code top} keys with the largest estimates seen so far. */
    private void track(Record r, long est) {
        if (top == 0) {
            return;
        }
        int min = -1;
        for (int i = 0; i < candidateKeys.size(); i++) {
            if (key.sameAs(candidateKeys.get(i))) {
                candidateEstimates.set(i, est);
                return;
            }
            if (min < 0 || candidateEstimates.get(i) < candidateEstimates.get(min)) {
                min = i;
            }
        }
        if (candidateKeys.size() < top) {
            candidateKeys.add(key.lo().clone());
            candidateValues.add(key.box(r));
            candidateEstimates.add(est);
        } else if (est > candidateEstimates.get(min)) {
            candidateKeys.set(min, key.lo().clone());
            candidateValues.set(min, key.box(r));
            candidateEstimates.set(min, est);
        }
    }

    @Override
    public WindowBatch finish(long start, long end) {
        List<Integer> order = new ArrayList<>();
        List<Long> finalEstimates = new ArrayList<>();
        for (int i = 0; i < candidateKeys.size(); i++) {
            order.add(i);
            finalEstimates.add(sketch.estimate(new long[candidateKeys.get(i).length], candidateKeys.get(i)));
        }
        order.sort((x, y) -> Long.compare(finalEstimates.get(y), finalEstimates.get(x)));
        List<String> topList = new ArrayList<>();
        for (int i : order) {
            topList.add(KeyText.of(candidateValues.get(i)) + "=" + finalEstimates.get(i));
        }
        long bound = sketch.errorBound();
        Object[] row = {sketch.total(), (long) sketch.rows(), (long) sketch.width(), bound, sketch.confidence(),
            List.copyOf(topList), new SketchValue(sketch, key.widths())};
        List<String> notes = new ArrayList<>();
        notes.add("count-min " + sketch.rows() + "x" + sketch.width() + ": estimates never under-count; over-count "
                + "at most " + bound + " with confidence " + String.format("%.3f", sketch.confidence()));
        if (skipped > 0) {
            notes.add(skipped + " records without an IPv4/complete key were not sketched");
        }
        WindowBatch b = new WindowBatch(start, end, List.<Object[]>of(row), true, notes, Map.of(valueName, bound));
        sketch.clear();
        candidateKeys.clear();
        candidateValues.clear();
        candidateEstimates.clear();
        skipped = 0;
        return b;
    }
}
