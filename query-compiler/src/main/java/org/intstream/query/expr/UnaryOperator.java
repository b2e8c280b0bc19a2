package org.intstream.query.expr;

/** Prefix and postfix operators with their text. */
public enum UnaryOperator {
    NOT("not"),
    NEGATE("-"),
    IS_PRESENT("is present"),
    IS_ABSENT("is absent");

    private final String symbol;

    UnaryOperator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean isPostfix() {
        return this == IS_PRESENT || this == IS_ABSENT;
    }
}
