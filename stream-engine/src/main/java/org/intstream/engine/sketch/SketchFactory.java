package org.intstream.engine.sketch;

import java.util.List;
import java.util.function.Supplier;
import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.eval.ExprCompiler;
import org.intstream.engine.aggregate.DistinctFilter;
import org.intstream.engine.exec.WindowTerminal;
import org.intstream.query.QueryException;
import org.intstream.query.expr.CallExpr;
import org.intstream.query.expr.Expr;
import org.intstream.query.expr.Field;
import org.intstream.query.expr.FieldCatalog;
import org.intstream.query.expr.FieldRef;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.query.plan.ApproxSpec;
import org.intstream.query.plan.NamedExpr;
import org.intstream.query.type.Type;

/** Builds the sketch-based window terminals from a query's {@code using countmin(...)} specs. */
public final class SketchFactory {
    private SketchFactory() {
    }

    /** {@code sketch count()|sum(x) by keys using countmin(rows, width) [top n]}. */
    public static Supplier<WindowTerminal> terminal(ExprCompiler c, List<NamedExpr> keys, NamedExpr value,
            ApproxSpec spec, Expr top, FunctionRegistry functions, SharedHashes shared) {
        int rows = intArg(spec, "rows", functions);
        int width = intArg(spec, "width", functions);
        check(spec, () -> SketchHashes.checkShape(rows, width, "countmin"));
        int topN = top == null ? 0 : (int) (long) (Long) ExprCompiler.constant(top, functions);
        Evaluator[] parts = parts(c, keys);
        int[] widths = keyWidths(c, keys);
        Evaluator amount = amount(c, value.expr());
        SketchHashes hashes = shared.forWidths(widths);
        return () -> new SketchTerminal(new CountMinSketch(rows, width, hashes), new SketchKey(parts, widths), amount,
                topN, value.name());
    }

    /**
     * {@code reduce count()|sum(x) by keys using countmin(...)[, bloom(...)] | filter value > threshold}: the
     * two-phase threshold report.
     */
    public static Supplier<WindowTerminal> thresholdReport(ExprCompiler c, List<NamedExpr> keys, NamedExpr value,
            List<ApproxSpec> specs, long threshold, boolean strict, FunctionRegistry functions, SharedHashes shared) {
        ApproxSpec cm = null;
        ApproxSpec bloom = null;
        for (ApproxSpec s : specs) {
            if ("countmin".equals(s.kind()) && cm == null) {
                cm = s;
            } else if ("bloom".equals(s.kind()) && bloom == null) {
                bloom = s;
            } else {
                throw new QueryException(s.position(), "a sketched reduce takes one countmin(...) and at most one "
                        + "bloom(...)");
            }
        }
        if (cm == null) {
            throw new QueryException(specs.get(0).position(), "a sketched reduce needs countmin(rows = .., width = ..)");
        }
        int rows = intArg(cm, "rows", functions);
        int width = intArg(cm, "width", functions);
        ApproxSpec cmSpec = cm;
        check(cm, () -> SketchHashes.checkShape(rows, width, "countmin"));
        int bits;
        int hashes;
        if (bloom != null) {
            bits = intArg(bloom, "bits", functions);
            hashes = intArg(bloom, "hashes", functions);
            check(bloom, () -> SketchHashes.checkShape(hashes, bits, "bloom"));
        } else {
            bits = 0;
            hashes = 0;
        }
        Evaluator[] parts = parts(c, keys);
        int[] widths = keyWidths(c, keys);
        Evaluator amount = amount(c, value.expr());
        boolean withBloom = bloom != null;
        SketchHashes index = shared.forWidths(widths);
        return () -> new ThresholdReportTerminal(new CountMinSketch(rows, width, index),
                withBloom ? new BloomFilter(bits, hashes, index) : null, new SketchKey(parts, widths), amount,
                threshold, strict, value.name());
    }

    /** {@code distinct using bloom(bits = …, hashes = …)} over the tuple's columns. */
    public static Supplier<DistinctFilter> bloomDistinct(ExprCompiler c, List<Expr> columns, ApproxSpec spec,
            FunctionRegistry functions, SharedHashes shared) {
        if (!"bloom".equals(spec.kind())) {
            throw new QueryException(spec.position(), "distinct takes bloom(bits = .., hashes = ..), not "
                    + spec.kind() + "(...)");
        }
        int bits = intArg(spec, "bits", functions);
        int hashes = intArg(spec, "hashes", functions);
        check(spec, () -> SketchHashes.checkShape(hashes, bits, "bloom"));
        List<NamedExpr> named = new java.util.ArrayList<>();
        for (Expr e : columns) {
            named.add(NamedExpr.of("c" + named.size(), e));
        }
        Evaluator[] parts = parts(c, named);
        int[] widths = keyWidths(c, named);
        SketchHashes index = shared.forWidths(widths);
        return () -> new BloomDistinct(new SketchKey(parts, widths), new BloomFilter(bits, hashes, index));
    }

    private static void check(ApproxSpec spec, Runnable check) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            throw new QueryException(spec.position(), e.getMessage());
        }
    }

    private static int intArg(ApproxSpec spec, String name, FunctionRegistry functions) {
        Expr e = spec.argument(name);
        if (e == null) {
            throw new QueryException(spec.position(), spec.kind() + "(...) needs '" + name + " = <int>'");
        }
        Object v = ExprCompiler.constant(e, functions);
        if (!(v instanceof Long) || (Long) v < 1 || (Long) v > Integer.MAX_VALUE) {
            throw new QueryException(e.position(), spec.kind() + " " + name + " must be a positive integer, not " + v);
        }
        return (int) (long) (Long) v;
    }

    /** Null for count() (each record adds 1), else the summed expression. */
    private static Evaluator amount(ExprCompiler c, Expr value) {
        CallExpr call = (CallExpr) value;
        if ("count".equals(call.function()) && call.arguments().isEmpty()) {
            return null;
        }
        if ("sum".equals(call.function()) && call.arguments().size() == 1) {
            Evaluator e = c.compile(call.arguments().get(0));
            if (!e.type().equals(Type.INT)) {
                throw new QueryException(value.position(), "a count-min sketch sums ints, not " + e.type());
            }
            return e;
        }
        throw new QueryException(value.position(), "a count-min sketch estimates count() or sum(int), not " + value);
    }

    private static Evaluator[] parts(ExprCompiler c, List<NamedExpr> keys) {
        Evaluator[] parts = new Evaluator[keys.size()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = c.compile(keys.get(i).expr());
            Type t = parts[i].type();
            if (!(t.equals(Type.IP) || t.equals(Type.INT) || t.equals(Type.BOOL))) {
                throw new QueryException(keys.get(i).position(), "a sketch key must be an address, int or bool, not "
                        + t);
            }
        }
        return parts;
    }

    /** The switch's field widths: 32 for addresses, the catalogue width for header fields, else 64. */
    /**
     * The bit widths a sketch's key fields are hashed with: 32 for an address, 1 for a flag, a header field's
     * catalogue width, else 64. What every point and the controller summing their sketches must agree on.
     */
    public static int[] keyWidths(ExprCompiler c, List<NamedExpr> keys) {
        int[] w = new int[keys.size()];
        for (int i = 0; i < w.length; i++) {
            Expr e = keys.get(i).expr();
            Type t = c.typeOf(e);
            if (t.equals(Type.IP)) {
                w[i] = 32;
            } else if (t.equals(Type.BOOL)) {
                w[i] = 1;
            } else if (c.schema().isPackets() && e instanceof FieldRef) {
                Field f = FieldCatalog.lookup(((FieldRef) e).name());
                w[i] = f == null ? 64 : Math.min(64, f.bits());
            } else {
                w[i] = 64;
            }
        }
        return w;
    }
}
