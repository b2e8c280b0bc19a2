package org.intstream.controller.dataplane;

/** A packet-in that claims to be a report but cannot be read as one; the message says what and where. */
public final class MalformedReportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedReportException(String message) {
        super(message);
    }
}
