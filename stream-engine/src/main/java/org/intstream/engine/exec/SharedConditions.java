package org.intstream.engine.exec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.eval.ExprCompiler;
import org.intstream.engine.record.PacketRecord;
import org.intstream.engine.record.Record;
import org.intstream.query.expr.BinaryExpr;
import org.intstream.query.expr.BinaryOperator;
import org.intstream.query.expr.Expr;

/**
 * The conditions of the packet stages of one engine, each evaluated once per packet however many queries
 * filter on it: {@code ip.proto == 6} or {@code ip.src is present} start half of the shipped queries. A
 * stage's filters are split into their conjuncts, and a stage passes a packet when every conjunct is true,
 * which is exactly when their SQL {@code and} is.
 */
final class SharedConditions {
    private final Map<Expr, Evaluator> byExpr = new HashMap<>();

    /** The stage filter over packets for these conditions (all must hold), or null when there are none. */
    Evaluator allOf(ExprCompiler packets, List<Expr> conditions) {
        List<Expr> conjuncts = new ArrayList<>();
        for (Expr c : conditions) {
            flatten(c, conjuncts);
        }
        if (conjuncts.isEmpty()) {
            return null;
        }
        Evaluator[] parts = new Evaluator[conjuncts.size()];
        for (int i = 0; i < parts.length; i++) {
            Expr e = conjuncts.get(i);
            parts[i] = byExpr.computeIfAbsent(e, x -> new OncePerPacket(packets.compile(x)));
        }
        return parts.length == 1 ? parts[0] : new AllTrue(parts);
    }

    private static void flatten(Expr e, List<Expr> out) {
        if (e instanceof BinaryExpr && ((BinaryExpr) e).operator() == BinaryOperator.AND) {
            flatten(((BinaryExpr) e).left(), out);
            flatten(((BinaryExpr) e).right(), out);
        } else if (!out.contains(e)) {
            out.add(e);
        }
    }

    /** A condition whose truth value is kept for the packet it was last asked about. */
    private static final class OncePerPacket extends Evaluator {
        private final Evaluator condition;
        private long packet = -1;
        private int truth;

        OncePerPacket(Evaluator condition) {
            super(condition.type());
            this.condition = condition;
        }

        @Override
        public int test(Record r) {
            long n = ((PacketRecord) r).sequence();
            if (n != packet) {
                truth = condition.test(r);
                packet = n;
            }
            return truth;
        }

        @Override
        public Object eval(Record r) {
            int t = test(r);
            return t == UNKNOWN ? null : t == TRUE;
        }
    }

    /** TRUE when every part is TRUE; otherwise FALSE (a filter passes TRUE only). */
    private static final class AllTrue extends Evaluator {
        private final Evaluator[] parts;

        AllTrue(Evaluator[] parts) {
            super(parts[0].type());
            this.parts = parts;
        }

        @Override
        public int test(Record r) {
            for (Evaluator p : parts) {
                if (p.test(r) != TRUE) {
                    return FALSE;
                }
            }
            return TRUE;
        }

        @Override
        public Object eval(Record r) {
            return test(r) == TRUE;
        }
    }
}
