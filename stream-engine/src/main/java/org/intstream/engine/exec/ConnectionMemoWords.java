package org.intstream.engine.exec;

import java.util.List;
import java.util.Set;
import org.intstream.engine.tcp.TcpFacts;
import org.intstream.query.expr.BinaryExpr;
import org.intstream.query.expr.BinaryOperator;
import org.intstream.query.expr.Expr;
import org.intstream.query.expr.FieldRef;

/**
 * Hands out the TCP connection memo words ({@link TcpFacts#memo}) to key tables whose keys are fixed per
 * connection and direction: groups by 4-tuple, by client and server, by source, destination or both, distinct
 * address pairs. A TCP packet of a known connection then finds its id in the row the TCP analysis just read:
 * per-connection tables are too large to stay in cache at line rate, and even a small table costs a key
 * packing, a hash and a probe, for each of the queries that run together.
 *
 * <p>Words go round: a table past {@link TcpFacts#MEMO_WORDS} shares a word with an earlier one, which costs
 * them hits, never correctness (a word holds one table's window stamp and id, and any other table takes it
 * for a miss).
 */
final class ConnectionMemoWords {
    /** Packet fields that are functions of a TCP segment's connection and direction. */
    private static final Set<String> CONNECTION_FIELDS = Set.of("ip.src", "ip.dst", "l4.sport", "l4.dport",
            "ip.proto", "ip.version", "tcp.conn.client", "tcp.conn.client_port", "tcp.conn.server",
            "tcp.conn.server_port");

    private int handedOut;

    /**
     * True when the stage's filters keep SYN segments only (connection openings, as a port scan counts): such a
     * stage sees a connection about once per window, so a memo word would only cost it and the table it shares
     * the word with.
     */
    static boolean synOnly(List<Expr> conditions) {
        for (Expr c : conditions) {
            if (requiresSyn(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean requiresSyn(Expr e) {
        if (e instanceof FieldRef) {
            return "tcp.flags.syn".equals(((FieldRef) e).name());
        }
        if (e instanceof BinaryExpr && ((BinaryExpr) e).operator() == BinaryOperator.AND) {
            return requiresSyn(((BinaryExpr) e).left()) || requiresSyn(((BinaryExpr) e).right());
        }
        return false;
    }

    /** True when every part is a packet field fixed per connection and direction. */
    static boolean perConnection(List<Expr> parts) {
        for (Expr e : parts) {
            if (!(e instanceof FieldRef) || !CONNECTION_FIELDS.contains(((FieldRef) e).name())) {
                return false;
            }
        }
        return true;
    }

    /**
     * A memo word for a key table over packets with these key parts, or -1 when a part varies within a
     * connection (or there is no key: a global reduce has one group anyway). A {@code count_distinct}'s table
     * keys its arguments with the enclosing group's id: it qualifies when the group's key is
     * {@link #perConnection} too.
     */
    int wordFor(List<Expr> parts) {
        if (parts.isEmpty() || !perConnection(parts)) {
            return -1;
        }
        return handedOut++ % TcpFacts.MEMO_WORDS;
    }
}
