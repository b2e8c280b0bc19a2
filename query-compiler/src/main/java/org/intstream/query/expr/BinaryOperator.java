package org.intstream.query.expr;

/**
 * Infix operators, their text and precedence (higher binds tighter). {@code /} always divides as a
 * fraction (a FLOAT result); {@code //} is integer division.
 */
public enum BinaryOperator {
    OR("or", 1),
    AND("and", 2),
    EQ("==", 5),
    NE("!=", 5),
    LT("<", 5),
    LE("<=", 5),
    GT(">", 5),
    GE(">=", 5),
    IN("in", 5),
    BIT_XOR("^", 6),
    BIT_AND("&", 7),
    SHIFT_LEFT("<<", 8),
    SHIFT_RIGHT(">>", 8),
    ADD("+", 9),
    SUBTRACT("-", 9),
    MULTIPLY("*", 10),
    DIVIDE("/", 10),
    INT_DIVIDE("//", 10),
    MODULO("%", 10);

    private final String symbol;
    private final int precedence;

    BinaryOperator(String symbol, int precedence) {
        this.symbol = symbol;
        this.precedence = precedence;
    }

    public String symbol() {
        return symbol;
    }

    public int precedence() {
        return precedence;
    }

    public boolean isComparison() {
        return precedence == 5 && this != IN;
    }

    public boolean isLogical() {
        return this == AND || this == OR;
    }

    public boolean isArithmetic() {
        return precedence >= 9;
    }

    public boolean isBitwise() {
        return precedence >= 6 && precedence <= 8;
    }

    public static BinaryOperator fromSymbol(String s) {
        for (BinaryOperator op : values()) {
            if (op.symbol.equalsIgnoreCase(s)) {
                return op;
            }
        }
        if ("=".equals(s)) {
            return EQ;
        }
        if ("<>".equals(s)) {
            return NE;
        }
        throw new IllegalArgumentException("unknown operator " + s);
    }
}
