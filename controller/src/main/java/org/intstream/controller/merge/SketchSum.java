package org.intstream.controller.merge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.intstream.controller.query.DeployedQuery;
import org.intstream.engine.eval.ExprCompiler;
import org.intstream.engine.sketch.CountMinSketch;
import org.intstream.engine.sketch.SketchFactory;
import org.intstream.engine.sketch.SketchTerminal;
import org.intstream.engine.sketch.SketchValue;
import org.intstream.query.expr.Expr;
import org.intstream.query.expr.ExprRewriter;
import org.intstream.query.expr.FieldRef;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.query.plan.LogicalPlan;
import org.intstream.query.plan.NamedExpr;
import org.intstream.query.plan.PlanKinds;
import org.intstream.query.plan.ProjectNode;
import org.intstream.query.plan.Schema;
import org.intstream.query.plan.SketchColumns;
import org.intstream.query.plan.SketchNode;
import org.intstream.query.type.IpAddress;

/**
 * Adds the points' count-min sketches of one window into the sketch of the whole window: cell by cell, which
 * is exact because every point hashes with the same rows, widths and key fields and each packet is sketched
 * at one point only (DESIGN.md, "Placement"). The sum's row has the columns of one point's: the exact total,
 * the shape, the bound of the summed total, and the top keys — every point's candidates, estimated against
 * the sum, the heaviest first.
 */
final class SketchSum {
    private final int rows;
    private final int width;
    /** The key fields' widths every point hashes with (the local stage's, as its engine computes them). */
    private final int[] fieldWidths;
    private final int top;
    private final int totalColumn;
    private final int boundColumn;
    private final int topColumn;
    private final int sketchColumn;
    private final int columns;

    private SketchSum(int rows, int width, int[] fieldWidths, int top, Schema partials) {
        this.rows = rows;
        this.width = width;
        this.fieldWidths = fieldWidths.clone();
        this.top = top;
        this.totalColumn = 0;
        this.boundColumn = partials.indexOf(SketchColumns.ERROR_BOUND);
        this.topColumn = partials.indexOf(SketchColumns.TOP);
        this.sketchColumn = partials.indexOf(SketchColumns.SKETCH);
        this.columns = partials.size();
    }

    /** The sum for a query whose plan sums sketches: its shape and top count from its local stage's sketch. */
    static SketchSum of(DeployedQuery query) {
        FunctionRegistry functions = FunctionRegistry.builtins();
        // The local stage's columns as expressions over packets (its maps inlined), as its engine reads them.
        Map<String, Expr> columns = new HashMap<>();
        for (LogicalPlan node : PlanKinds.postOrder(query.plan().local())) {
            if (node instanceof ProjectNode) {
                Map<String, Expr> next = new HashMap<>();
                for (NamedExpr c : ((ProjectNode) node).columns()) {
                    next.put(c.name(), inline(c.expr(), columns));
                }
                columns = next;
            } else if (node instanceof SketchNode) {
                SketchNode s = (SketchNode) node;
                int rows = ((Long) ExprCompiler.constant(s.sketch().argument("rows"), functions)).intValue();
                int width = ((Long) ExprCompiler.constant(s.sketch().argument("width"), functions)).intValue();
                int top = s.top() == null ? 0 : ((Long) ExprCompiler.constant(s.top(), functions)).intValue();
                List<NamedExpr> keys = new ArrayList<>();
                for (NamedExpr k : s.keys()) {
                    keys.add(NamedExpr.of(k.name(), inline(k.expr(), columns)));
                }
                int[] widths = SketchFactory.keyWidths(new ExprCompiler(Schema.packets(), functions), keys);
                return new SketchSum(rows, width, widths, top, query.partialSchema());
            }
        }
        throw new IllegalStateException("'" + query.name() + "' sums sketches but its local stage has none");
    }

    private static Expr inline(Expr e, Map<String, Expr> columns) {
        return ExprRewriter.rewrite(e, x -> x instanceof FieldRef && columns.containsKey(((FieldRef) x).name())
                ? columns.get(((FieldRef) x).name()) : x);
    }

    /**
     * Why a point's row is not a sketch this sum can take, or null: checked when the row arrives, so the sum
     * of the window, made later, can't fail on one point's row and lose every point's.
     */
    String mismatch(Object[] row) {
        if (row.length != columns || !(row[sketchColumn] instanceof SketchValue)) {
            return "a row of " + row.length + " values without a sketch in column " + SketchColumns.SKETCH;
        }
        SketchValue s = (SketchValue) row[sketchColumn];
        if (s.rows() != rows || s.width() != width || !Arrays.equals(s.fieldWidths(), fieldWidths)) {
            return "a " + s.rows() + "x" + s.width() + " sketch of key fields " + Arrays.toString(s.fieldWidths())
                    + " bits wide, the query's is " + rows + "x" + width + " of " + Arrays.toString(fieldWidths);
        }
        if (!(row[topColumn] instanceof List)) {
            return "column " + SketchColumns.TOP + " is not a list of keys";
        }
        for (Object entry : (List<?>) row[topColumn]) {
            if (!(entry instanceof String)) {
                return "a top key that is not text: " + entry;
            }
            try {
                fieldValues(keyOf((String) entry), fieldWidths);
            } catch (IllegalArgumentException e) {
                return "top key '" + entry + "': " + e.getMessage();
            }
        }
        return null;
    }

    /** The one row of the window: the points' rows (at most one each) added up; null when there are none. */
    Object[] sum(List<Object[]> pointRows) {
        if (pointRows.isEmpty()) {
            return null;
        }
        long[][] cells = new long[rows][width];
        long total = 0;
        Map<String, long[]> candidates = new LinkedHashMap<>();
        for (Object[] row : pointRows) {
            SketchValue s = (SketchValue) row[sketchColumn];
            long[][] c = s.cells();
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < width; i++) {
                    cells[r][i] += c[r][i];
                }
            }
            total += s.total();
            for (Object entry : (List<?>) row[topColumn]) {
                String key = keyOf((String) entry);
                candidates.putIfAbsent(key, fieldValues(key, fieldWidths));
            }
        }
        SketchValue merged = SketchValue.of(rows, width, fieldWidths, total, cells);
        List<Map.Entry<String, Long>> estimates = new ArrayList<>();
        candidates.forEach((key, values) -> estimates.add(Map.entry(key, merged.estimate(values))));
        estimates.sort((a, b) -> b.getValue().equals(a.getValue()) ? a.getKey().compareTo(b.getKey())
                : Long.compare(b.getValue(), a.getValue()));
        List<String> topKeys = new ArrayList<>();
        for (Map.Entry<String, Long> e : estimates.subList(0, Math.min(top, estimates.size()))) {
            topKeys.add(e.getKey() + "=" + e.getValue());
        }
        Object[] out = pointRows.get(0).clone();
        out[totalColumn] = total;
        out[topColumn] = List.copyOf(topKeys);
        out[sketchColumn] = merged;
        out[boundColumn] = CountMinSketch.errorBound(total, width);
        return out;
    }

    /** The note of the summed sketch, worded as one point's. */
    String note(Object[] summed) {
        return SketchTerminal.boundNote(rows, width, (Long) summed[boundColumn], CountMinSketch.confidence(rows));
    }

    /**
     * A point's candidate key: "10.0.0.1,443" as agents send it (the sum re-estimates it, so its estimate at
     * the point does not travel), or "10.0.0.1,443=17" as a point's sketch lists it.
     */
    private static String keyOf(String entry) {
        int eq = entry.lastIndexOf('=');
        return eq < 0 ? entry : entry.substring(0, eq);
    }

    /** A key's text back to the values the hash rows take: an address's 32 bits, a flag's 0 or 1, a number. */
    private static long[] fieldValues(String key, int[] widths) {
        String[] parts = key.split(",", -1);
        if (parts.length != widths.length) {
            throw new IllegalArgumentException("a top key '" + key + "' of " + parts.length + " fields, the sketch has "
                    + widths.length);
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            long v;
            if (p.equals("true") || p.equals("false")) {
                v = p.equals("true") ? 1 : 0;
            } else if (p.indexOf('.') >= 0 || p.indexOf(':') >= 0) {
                IpAddress a = IpAddress.parse(p);
                // As the points' sketch keys read an address: IPv4 as its 32 bits, IPv6 folded to 32.
                long x = a.hi() ^ a.lo();
                v = a.isV4() ? a.v4Bits() & 0xFFFFFFFFL : (x ^ (x >>> 32)) & 0xFFFFFFFFL;
            } else {
                v = Long.parseLong(p);
            }
            values[i] = widths[i] >= 64 ? v : v & ((1L << widths[i]) - 1);
        }
        return values;
    }
}
