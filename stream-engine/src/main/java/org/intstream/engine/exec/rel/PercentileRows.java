package org.intstream.engine.exec.rel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.exec.WindowBatch;
import org.intstream.engine.record.RowRecord;

/**
 * Keeps the rows above the p-th percentile: row r stays when the number of rows with a strictly smaller
 * value exceeds p/100 of all rows — the STREAM top-k traffic query's
 * {@code (Select Count(*) … Where L2.traffic < L1.traffic) > (Select 0.95 * Count(*) …)}.
 */
public final class PercentileRows implements RelationOperator {
    private final double percentile;
    private final Evaluator value;

    public PercentileRows(double percentile, Evaluator value) {
        this.percentile = percentile;
        this.value = value;
    }

    @Override
    public WindowBatch apply(WindowBatch in) {
        RowRecord r = new RowRecord();
        int n = in.rows.size();
        double[] values = new double[n];
        boolean[] present = new boolean[n];
        List<Double> sorted = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            r.reset(in.rows.get(i), in.start);
            r.absent = false;
            values[i] = value.evalDouble(r);
            present[i] = !r.absent;
            if (present[i]) {
                sorted.add(values[i]);
            }
        }
        double[] s = new double[sorted.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = sorted.get(i);
        }
        Arrays.sort(s);
        double needed = percentile / 100.0 * n;
        List<Object[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!present[i]) {
                continue;
            }
            int smaller = lowerBound(s, values[i]);
            if (smaller > needed) {
                out.add(in.rows.get(i));
            }
        }
        return in.withRows(out);
    }

    /** Number of elements strictly smaller than v. */
    private static int lowerBound(double[] s, double v) {
        int lo = 0;
        int hi = s.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (s[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
