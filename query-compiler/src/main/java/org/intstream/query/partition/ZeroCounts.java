package org.intstream.query.partition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.intstream.query.expr.BinaryExpr;
import org.intstream.query.expr.BinaryOperator;
import org.intstream.query.expr.CallExpr;
import org.intstream.query.expr.Expr;
import org.intstream.query.expr.FieldRef;
import org.intstream.query.expr.Literal;
import org.intstream.query.expr.UnaryExpr;
import org.intstream.query.expr.UnaryOperator;
import org.intstream.query.plan.FilterNode;
import org.intstream.query.plan.LogicalPlan;
import org.intstream.query.plan.NamedExpr;
import org.intstream.query.plan.ProjectNode;

/**
 * When a point need not send a key whose partial counts are all zero: a zero adds nothing to the sum, so
 * leaving the row out only matters when every point's counts of the key are zero, and then it does not
 * matter either if the rest of the query drops such a key (a threshold {@code half_open > 100} over
 * {@code half_open - handshakes}). Decided by evaluating the query above the merge with every count zero
 * and the keys unknown: some filter must be false.
 */
final class ZeroCounts {
    /** A value the evaluation can't know (a key, or anything it does not model). */
    private static final Object UNKNOWN = new Object();

    private ZeroCounts() {
    }

    /**
     * Whether every partial column is a {@code countif(p)}: never absent, and zero for a key that some
     * packet made (a {@code count()} of such a key is not).
     */
    static boolean conditionalCountsOnly(List<NamedExpr> partials) {
        for (NamedExpr p : partials) {
            if (!(p.expr() instanceof CallExpr) || !((CallExpr) p.expr()).function().equals("countif")) {
                return false;
            }
        }
        return !partials.isEmpty();
    }

    /**
     * Whether the nodes above the merge (in {@code above}, nearest first) drop a key whose merged partial
     * columns are all zero, the merge's final columns being {@code finals} over them.
     */
    static boolean dropped(List<NamedExpr> partials, List<NamedExpr> finals, List<LogicalPlan> above) {
        Map<String, Object> zeros = new HashMap<>();
        for (NamedExpr p : partials) {
            zeros.put(p.name(), 0L);
        }
        Map<String, Object> row = project(finals, zeros);
        for (LogicalPlan node : above) {
            if (node instanceof ProjectNode) {
                row = project(((ProjectNode) node).columns(), row);
            } else if (node instanceof FilterNode) {
                if (Boolean.FALSE.equals(eval(((FilterNode) node).condition(), row))) {
                    return true;
                }
            } else {
                return false;
            }
        }
        return false;
    }

    /** {@code c1 != 0 or c2 != 0 ...}: the rows worth sending. */
    static Expr anyNonZero(List<NamedExpr> partials) {
        Expr any = null;
        for (NamedExpr p : partials) {
            Expr nonZero = BinaryExpr.of(BinaryOperator.NE, new FieldRef(p.name(), null),
                    Literal.ofInt(0));
            any = any == null ? nonZero : BinaryExpr.of(BinaryOperator.OR, any, nonZero);
        }
        return any;
    }

    private static Map<String, Object> project(List<NamedExpr> columns, Map<String, Object> row) {
        Map<String, Object> out = new HashMap<>();
        for (NamedExpr c : columns) {
            out.put(c.name(), eval(c.expr(), row));
        }
        return out;
    }

    /** Integers, comparisons and three-valued logic; anything else is unknown. */
    private static Object eval(Expr e, Map<String, Object> row) {
        if (e instanceof Literal) {
            Object v = ((Literal) e).value();
            return v instanceof Long || v instanceof Boolean ? v : UNKNOWN;
        }
        if (e instanceof FieldRef) {
            return row.getOrDefault(((FieldRef) e).name(), UNKNOWN);
        }
        if (e instanceof UnaryExpr && ((UnaryExpr) e).operator() == UnaryOperator.NOT) {
            Object v = eval(((UnaryExpr) e).operand(), row);
            return v instanceof Boolean ? !(Boolean) v : UNKNOWN;
        }
        if (!(e instanceof BinaryExpr)) {
            return UNKNOWN;
        }
        BinaryExpr b = (BinaryExpr) e;
        Object l = eval(b.left(), row);
        Object r = eval(b.right(), row);
        switch (b.operator()) {
            case AND:
                return Boolean.FALSE.equals(l) || Boolean.FALSE.equals(r) ? Boolean.FALSE
                        : Boolean.TRUE.equals(l) && Boolean.TRUE.equals(r) ? Boolean.TRUE : UNKNOWN;
            case OR:
                return Boolean.TRUE.equals(l) || Boolean.TRUE.equals(r) ? Boolean.TRUE
                        : Boolean.FALSE.equals(l) && Boolean.FALSE.equals(r) ? Boolean.FALSE : UNKNOWN;
            default:
                break;
        }
        if (!(l instanceof Long) || !(r instanceof Long)) {
            return UNKNOWN;
        }
        long x = (Long) l;
        long y = (Long) r;
        switch (b.operator()) {
            case ADD: return x + y;
            case SUBTRACT: return x - y;
            case MULTIPLY: return x * y;
            case EQ: return x == y;
            case NE: return x != y;
            case LT: return x < y;
            case LE: return x <= y;
            case GT: return x > y;
            case GE: return x >= y;
            default: return UNKNOWN;
        }
    }

    /** The nodes above {@code target} in {@code plan}, nearest first. */
    static List<LogicalPlan> above(LogicalPlan plan, LogicalPlan target) {
        List<LogicalPlan> path = new ArrayList<>();
        if (!PlanSplitter.pathTo(plan, target, path)) {
            return List.of();
        }
        List<LogicalPlan> out = new ArrayList<>();
        for (int i = path.size() - 2; i >= 0; i--) {
            out.add(path.get(i));
        }
        return out;
    }
}
