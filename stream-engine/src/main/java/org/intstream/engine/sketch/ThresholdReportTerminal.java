package org.intstream.engine.sketch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.exec.WindowBatch;
import org.intstream.engine.exec.WindowTerminal;
import org.intstream.engine.record.Record;

/**
 * Two-phase heavy-hitter detection, as a switch runs it: every record updates a count-min sketch; when a
 * key's estimate crosses the threshold, the key is reported — once per window, remembered in a Bloom filter
 * (or exactly, when the query names no filter). At the window's end each reported key is listed with its
 * final estimate. Since count-min never under-counts, every key whose true value crosses the threshold is
 * reported unless a Bloom false positive hides it; the result states both error terms.
 */
public final class ThresholdReportTerminal extends WindowTerminal {
    private final CountMinSketch sketch;
    private final BloomFilter reportedFilter;
    private final SketchKey key;
    private final Evaluator amount;
    private final long threshold;
    private final boolean strict;
    private final String valueName;
    private final List<long[]> reportedKeys = new ArrayList<>();
    private final List<Object[]> reportedValues = new ArrayList<>();
    private long skipped;

    ThresholdReportTerminal(CountMinSketch sketch, BloomFilter reportedFilter, SketchKey key, Evaluator amount,
            long threshold, boolean strict, String valueName) {
        this.sketch = sketch;
        this.reportedFilter = reportedFilter;
        this.key = key;
        this.amount = amount;
        this.threshold = threshold;
        this.strict = strict;
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
        if (strict ? est > threshold : est >= threshold) {
            if (reportedFilter != null) {
                if (reportedFilter.addAndCheck(key.hi(), key.lo())) {
                    return;
                }
            }
            Object[] boxed = key.box(r);
            if (reportedFilter == null) {
                for (Object[] k : reportedValues) {
                    if (java.util.Arrays.equals(k, boxed)) {
                        return;
                    }
                }
            }
            reportedKeys.add(key.lo().clone());
            reportedValues.add(boxed);
        }
    }

    @Override
    public WindowBatch finish(long start, long end) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < reportedKeys.size(); i++) {
            Object[] k = reportedValues.get(i);
            Object[] row = new Object[k.length + 1];
            System.arraycopy(k, 0, row, 0, k.length);
            row[k.length] = sketch.estimate(new long[k.length], reportedKeys.get(i));
            rows.add(row);
        }
        long bound = sketch.errorBound();
        List<String> notes = new ArrayList<>();
        notes.add("count-min " + sketch.rows() + "x" + sketch.width() + ": estimates never under-count; over-count "
                + "at most " + bound + " with confidence " + String.format("%.3f", sketch.confidence()));
        if (reportedFilter != null) {
            notes.add(String.format("Bloom filter %d bits x %d hashes: a key over the threshold is missed with "
                    + "probability at most %.2e", reportedFilter.bits(), reportedFilter.hashes(),
                    reportedFilter.falsePositiveRate()));
            reportedFilter.clear();
        }
        if (skipped > 0) {
            notes.add(skipped + " records without an IPv4/complete key were not counted");
        }
        WindowBatch b = new WindowBatch(start, end, rows, true, notes, Map.of(valueName, bound));
        sketch.clear();
        reportedKeys.clear();
        reportedValues.clear();
        skipped = 0;
        return b;
    }
}
