package org.intstream.softswitch.p4runtime;

import io.grpc.Status;

/** A request the P4Runtime server refuses: the gRPC status code to report and a message saying why. */
public final class P4RuntimeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Status.Code code;

    public P4RuntimeException(Status.Code code, String message) {
        super(message);
        this.code = code;
    }

    public Status.Code code() {
        return code;
    }

    public static P4RuntimeException invalid(String message) {
        return new P4RuntimeException(Status.Code.INVALID_ARGUMENT, message);
    }

    public static P4RuntimeException notFound(String message) {
        return new P4RuntimeException(Status.Code.NOT_FOUND, message);
    }

    public Status status() {
        return Status.fromCode(code).withDescription(getMessage());
    }
}
