package org.intstream.agent.api;

/**
 * A request the API refuses, with the HTTP status to answer and a reason that names the field or the
 * part of the request at fault.
 */
public class ApiException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    public ApiException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    /** 400 for a malformed or unknown message, naming the field. */
    public static ApiException badField(String field, String why) {
        return new ApiException(400, "field '" + field + "': " + why);
    }

    public int status() {
        return status;
    }
}
