package org.intstream.agent.measure;

/**
 * A request to the sketch table that cannot be carried out; {@link #kind()} says why, so an API can map it
 * to a status without parsing the message.
 */
public class MeasurementException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the request failed. */
    public enum Kind {
        /** No sketch with that id, or no counter of that key type on it. */
        NOT_FOUND,
        /** The counter exists with another increment. */
        CONFLICT,
        /** The agent holds as many sketches as it allows. */
        LIMIT
    }

    private final Kind kind;

    public MeasurementException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
