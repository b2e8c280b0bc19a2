package org.intstream.query;

/**
 * Where something was written in a query text: 1-based line and column. Positions travel with plans and
 * expressions for error messages but never take part in their equality.
 */
public final class SourcePosition {
    public static final SourcePosition UNKNOWN = new SourcePosition(0, 0);

    private final int line;
    private final int column;

    public SourcePosition(int line, int column) {
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public boolean isKnown() {
        return line > 0;
    }

    @Override
    public String toString() {
        return isKnown() ? "line " + line + ", column " + column : "unknown position";
    }
}
