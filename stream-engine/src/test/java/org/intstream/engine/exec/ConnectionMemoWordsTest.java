package org.intstream.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.intstream.engine.tcp.TcpFacts;
import org.intstream.query.expr.BinaryExpr;
import org.intstream.query.expr.BinaryOperator;
import org.intstream.query.expr.Expr;
import org.intstream.query.expr.FieldRef;
import org.intstream.query.expr.Literal;
import org.intstream.query.expr.UnaryExpr;
import org.intstream.query.expr.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Which key tables get a connection memo word: keys fixed per connection and direction, and nothing else. */
class ConnectionMemoWordsTest {

    private static List<Expr> fields(String... names) {
        return java.util.Arrays.stream(names).map(n -> (Expr) FieldRef.of(n)).collect(java.util.stream.Collectors.toList());
    }

    private static Expr and(Expr a, Expr b) {
        return BinaryExpr.of(BinaryOperator.AND, a, b);
    }

    private static Expr not(Expr a) {
        return new UnaryExpr(UnaryOperator.NOT, a, null);
    }

    private static final Expr SYN = FieldRef.of("tcp.flags.syn");
    private static final Expr TCP = BinaryExpr.of(BinaryOperator.EQ, FieldRef.of("ip.proto"), Literal.ofInt(6));

    @Test
    void keysFixedPerConnectionGetWordsInTurn() {
        ConnectionMemoWords words = new ConnectionMemoWords();
        assertThat(words.wordFor(fields("ip.src", "l4.sport", "ip.dst", "l4.dport"))).isEqualTo(0);
        assertThat(words.wordFor(fields("ip.dst"))).isEqualTo(1);
        assertThat(words.wordFor(fields("tcp.conn.client", "tcp.conn.server_port"))).isEqualTo(2);
        for (int w = 3; w < TcpFacts.MEMO_WORDS; w++) {
            assertThat(words.wordFor(fields("ip.src", "ip.dst"))).isEqualTo(w);
        }
        assertThat(words.wordFor(fields("ip.src"))).as("past the last word, they go round").isEqualTo(0);
    }

    @Test
    void keysThatVaryWithinAConnectionOrNoKeyGetNone() {
        ConnectionMemoWords words = new ConnectionMemoWords();
        assertThat(words.wordFor(fields("ip.src", "len"))).isEqualTo(-1);
        assertThat(words.wordFor(fields("tcp.flags.syn"))).isEqualTo(-1);
        assertThat(words.wordFor(List.of())).isEqualTo(-1);
        Expr masked = BinaryExpr.of(BinaryOperator.BIT_AND, FieldRef.of("ip.src"), Literal.ofInt(0xffffff00L));
        assertThat(words.wordFor(List.of(masked))).isEqualTo(-1);
        assertThat(words.wordFor(fields("ip.src"))).as("none was handed out").isEqualTo(0);
    }

    @Test
    void stagesThatKeepSynSegmentsOnlyAreFoundInConjunctions() {
        assertThat(ConnectionMemoWords.synOnly(List.of(and(and(TCP, SYN), not(FieldRef.of("tcp.flags.ack"))))))
                .isTrue();
        assertThat(ConnectionMemoWords.synOnly(List.of(TCP, SYN))).isTrue();
        assertThat(ConnectionMemoWords.synOnly(List.of(BinaryExpr.of(BinaryOperator.OR, SYN, FieldRef.of("tcp.flags.fin")))))
                .isFalse();
        assertThat(ConnectionMemoWords.synOnly(List.of(TCP, not(SYN)))).isFalse();
    }
}
