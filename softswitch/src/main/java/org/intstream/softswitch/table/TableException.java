package org.intstream.softswitch.table;

/** A table operation the table refuses, with the reason P4Runtime reports as the status code. */
public final class TableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the operation failed. */
    public enum Reason { ALREADY_EXISTS, NOT_FOUND, RESOURCE_EXHAUSTED, INVALID_ARGUMENT, PERMISSION_DENIED }

    private final Reason reason;

    public TableException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
