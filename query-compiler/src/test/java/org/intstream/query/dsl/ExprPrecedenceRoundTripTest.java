package org.intstream.query.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.intstream.query.expr.BinaryExpr;
import org.intstream.query.expr.CallExpr;
import org.intstream.query.expr.Expr;
import org.intstream.query.expr.ExprPrinter;
import org.intstream.query.expr.UnaryExpr;
import org.intstream.query.plan.FilterNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Expressions where precedence, prefix and postfix operators and negative literals meet: each is read into
 * the expected tree, printed with only the parentheses it needs, and read back equal.
 */
class ExprPrecedenceRoundTripTest {

    /** Text as written, its tree with every operation in parentheses, and its printed form. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("not a == b", "(not (a == b))", "not a == b"),
                Arguments.of("-(5)", "(- 5)", "-(5)"),
                Arguments.of("-5", "-5", "-5"),
                Arguments.of("-(-5)", "(- -5)", "-(-5)"),
                Arguments.of("- -a", "(- (- a))", "-(-a)"),
                Arguments.of("x is present == true", "((x is present) == true)", "(x is present) == true"),
                Arguments.of("(x is present) is absent", "((x is present) is absent)", "(x is present) is absent"),
                Arguments.of("a == b is absent", "((a == b) is absent)", "a == b is absent"),
                Arguments.of("not x is present", "(not (x is present))", "not x is present"),
                Arguments.of("a - -5", "(a - -5)", "a - -5"),
                Arguments.of("a - b - c", "((a - b) - c)", "a - b - c"),
                Arguments.of("a - (b - c)", "(a - (b - c))", "a - (b - c)"),
                Arguments.of("(a or b) and c", "((a or b) and c)", "(a or b) and c"),
                Arguments.of("a or b and c", "(a or (b and c))", "a or b and c"),
                Arguments.of("a and not b or c", "((a and (not b)) or c)", "a and not b or c"),
                Arguments.of("not a and b", "((not a) and b)", "not a and b"),
                Arguments.of("(not a) == b", "((not a) == b)", "(not a) == b"),
                Arguments.of("a == (not b)", "(a == (not b))", "a == (not b)"),
                Arguments.of("not not a", "(not (not a))", "not not a"),
                Arguments.of("-a * b", "((- a) * b)", "-a * b"),
                Arguments.of("-(a * b)", "(- (a * b))", "-(a * b)"),
                Arguments.of("a << 2 + 1", "(a << (2 + 1))", "a << 2 + 1"),
                Arguments.of("(a << 2) + 1", "((a << 2) + 1)", "(a << 2) + 1"),
                Arguments.of("a & b ^ c & d", "((a & b) ^ (c & d))", "a & b ^ c & d"),
                Arguments.of("a // b * c % d", "(((a // b) * c) % d)", "a // b * c % d"),
                Arguments.of("a / (b / c)", "(a / (b / c))", "a / (b / c)"),
                Arguments.of("a == b == c", "((a == b) == c)", "a == b == c"),
                Arguments.of("a in (b in c)", "(a in (b in c))", "a in (b in c)"),
                Arguments.of("-5s < d and d < -(5s)", "((-5s < d) and (d < (- 5s)))", "-5s < d and d < -(5s)"),
                Arguments.of("2 * -3.5e2", "(2 * -350.0)", "2 * -350.0"),
                Arguments.of("-9223372036854775808 < -0x10", "(-9223372036854775808 < -16)",
                        "-9223372036854775808 < -16"),
                Arguments.of("count() - countif(x) * 2", "(count() - (countif(x) * 2))", "count() - countif(x) * 2"),
                Arguments.of("ip.src in 10.0.0.0/8 and not ip.dst in prefix(\"FD00::/8\")",
                        "((ip.src in 10.0.0.0/8) and (not (ip.dst in prefix(\"fd00::/8\"))))",
                        "ip.src in 10.0.0.0/8 and not ip.dst in prefix(\"fd00::/8\")"),
                Arguments.of("timestamp(-5) < ts", "(timestamp(-5) < ts)", "timestamp(-5) < ts"),
                Arguments.of("s == 'a\"b\\\\c\\n'", "(s == \"a\\\"b\\\\c\\n\")", "s == \"a\\\"b\\\\c\\n\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsTheExpectedTreeAndPrintsItBackMinimally(String text, String tree, String printed) {
        Expr e = condition(text);
        assertThat(fullyParenthesized(e)).isEqualTo(tree);
        assertThat(ExprPrinter.print(e)).isEqualTo(printed);
        assertThat(condition(printed)).isEqualTo(e);
    }

    private static Expr condition(String text) {
        return ((FilterNode) DslParser.parseQuery("query q packets | filter " + text).plan()).condition();
    }

    /** Every operation in parentheses, so a tree can be stated as text. */
    private static String fullyParenthesized(Expr e) {
        if (e instanceof BinaryExpr) {
            BinaryExpr b = (BinaryExpr) e;
            return "(" + fullyParenthesized(b.left()) + " " + b.operator().symbol() + " "
                    + fullyParenthesized(b.right()) + ")";
        }
        if (e instanceof UnaryExpr) {
            UnaryExpr u = (UnaryExpr) e;
            String operand = fullyParenthesized(u.operand());
            return u.operator().isPostfix() ? "(" + operand + " " + u.operator().symbol() + ")"
                    : "(" + u.operator().symbol() + " " + operand + ")";
        }
        if (e instanceof CallExpr) {
            CallExpr c = (CallExpr) e;
            return c.function() + c.arguments().stream().map(ExprPrecedenceRoundTripTest::fullyParenthesized)
                    .collect(Collectors.joining(", ", "(", ")"));
        }
        return ExprPrinter.print(e);
    }
}
