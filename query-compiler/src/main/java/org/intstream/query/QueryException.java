package org.intstream.query;

/**
 * A query that can't be compiled: a syntax error, an unknown name, a type error, a bad parameter. The
 * message names the line and column and says what was expected.
 */
public class QueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final SourcePosition position;
    private final String reason;
    private final String sourceName;

    public QueryException(SourcePosition position, String reason) {
        this(null, position, reason);
    }

    public QueryException(String sourceName, SourcePosition position, String reason) {
        super(format(sourceName, position, reason));
        this.sourceName = sourceName;
        this.position = position == null ? SourcePosition.UNKNOWN : position;
        this.reason = reason;
    }

    private static String format(String sourceName, SourcePosition p, String reason) {
        StringBuilder sb = new StringBuilder();
        if (sourceName != null) {
            sb.append(sourceName).append(": ");
        }
        if (p != null && p.isKnown()) {
            sb.append(p).append(": ");
        }
        return sb.append(reason).toString();
    }

    /** The same error, attributed to a named source text (a file name, "--query"). */
    public QueryException inSource(String name) {
        QueryException e = new QueryException(name, position, reason);
        e.setStackTrace(getStackTrace());
        return e;
    }

    public SourcePosition position() {
        return position;
    }

    public String reason() {
        return reason;
    }

    public String sourceName() {
        return sourceName;
    }
}
