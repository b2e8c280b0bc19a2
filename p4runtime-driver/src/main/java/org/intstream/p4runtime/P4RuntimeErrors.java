package org.intstream.p4runtime;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import p4.v1.P4RuntimeOuterClass.Error;

/**
 * Turns gRPC failures into {@link P4RuntimeException}s. A P4Runtime write that fails in part comes back as
 * {@code UNKNOWN} with one {@code p4.v1.Error} per update in the status details (OK for the updates that
 * were applied); those are matched with the updates' descriptions so the error names each refused entity.
 */
public final class P4RuntimeErrors {

    private P4RuntimeErrors() {
    }

    /**
     * @param operation what was attempted, for the message
     * @param updates the descriptions of the write's updates in request order; empty for other calls
     * @param hint added to the message when the code is PERMISSION_DENIED (the client is not primary), or null
     */
    public static P4RuntimeException from(StatusRuntimeException e, String operation, List<String> updates,
                                          String hint) {
        Status status = e.getStatus();
        List<UpdateError> errors = updateErrors(e, updates);
        String description = status.getDescription();
        if (status.getCode() == Status.Code.PERMISSION_DENIED && hint != null) {
            description = hint + (description == null ? "" : " (" + description + ")");
        }
        if (status.getCode() == Status.Code.UNAVAILABLE || status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
            description = "the switch did not answer" + (description == null ? "" : " (" + description + ")");
        }
        return new P4RuntimeException(operation, status.getCode(), description, errors, e);
    }

    /** The refused updates listed in the status details; OK entries are skipped. */
    static List<UpdateError> updateErrors(StatusRuntimeException e, List<String> updates) {
        List<UpdateError> errors = new ArrayList<>();
        com.google.rpc.Status details = StatusProto.fromThrowable(e);
        if (details == null) {
            return errors;
        }
        int i = 0;
        for (Any any : details.getDetailsList()) {
            if (any.is(Error.class)) {
                try {
                    Error error = any.unpack(Error.class);
                    if (error.getCanonicalCode() != Status.Code.OK.value()) {
                        String entity = i < updates.size() ? updates.get(i) : "update " + i;
                        errors.add(new UpdateError(i, entity, Status.fromCodeValue(error.getCanonicalCode()).getCode(),
                                error.getMessage()));
                    }
                } catch (InvalidProtocolBufferException damaged) {
                    errors.add(new UpdateError(i, i < updates.size() ? updates.get(i) : "update " + i,
                            Status.Code.UNKNOWN, "unreadable error detail: " + damaged.getMessage()));
                }
            }
            i++;
        }
        return errors;
    }

    /** The indexes of the updates that failed, to tell which of a batch took effect. */
    static boolean[] failedUpdates(P4RuntimeException e, int updateCount) {
        boolean[] failed = new boolean[updateCount];
        if (e.updateErrors().isEmpty()) {
            // No per-update detail: nothing is known to have been applied.
            Arrays.fill(failed, true);
        }
        for (UpdateError u : e.updateErrors()) {
            if (u.updateIndex() < updateCount) {
                failed[u.updateIndex()] = true;
            }
        }
        return failed;
    }
}
