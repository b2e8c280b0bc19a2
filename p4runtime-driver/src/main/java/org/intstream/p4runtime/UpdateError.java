package org.intstream.p4runtime;

import io.grpc.Status;

/**
 * Why the switch refused one update of a write: its position in the request, the entity it was about (as
 * this driver describes it, e.g. {@code table entry acl{...}}), P4Runtime's canonical code and the switch's
 * message.
 */
public record UpdateError(int updateIndex, String entity, Status.Code code, String message) {

    @Override
    public String toString() {
        return entity + ": " + code + (message.isEmpty() ? "" : " (" + message + ")");
    }
}
