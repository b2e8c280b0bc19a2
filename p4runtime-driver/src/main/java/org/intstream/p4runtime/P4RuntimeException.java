package org.intstream.p4runtime;

import io.grpc.Status;
import java.util.List;

/**
 * A P4Runtime call failed at the switch or on the way to it. Says what was attempted on which device, the
 * gRPC code and the switch's message, and for writes the code and message of each refused update with the
 * entity it concerned. Use {@link #code()} or {@link #updateErrors()} to react to a specific failure.
 */
public class P4RuntimeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String operation;
    private final Status.Code code;
    private final String description;
    private final List<UpdateError> updateErrors;

    public P4RuntimeException(String operation, Status.Code code, String description, List<UpdateError> updateErrors,
                              Throwable cause) {
        super(message(operation, code, description, updateErrors), cause);
        this.operation = operation;
        this.code = code;
        this.description = description == null ? "" : description;
        this.updateErrors = List.copyOf(updateErrors);
    }

    private static String message(String operation, Status.Code code, String description, List<UpdateError> errors) {
        StringBuilder sb = new StringBuilder(operation).append(" failed: ");
        if (errors.size() == 1) {
            return sb.append(errors.get(0)).toString();
        }
        sb.append(code);
        if (description != null && !description.isEmpty()) {
            sb.append(" (").append(description).append(')');
        }
        if (!errors.isEmpty()) {
            sb.append("; ").append(errors.size()).append(" update").append(errors.size() == 1 ? "" : "s")
                    .append(" refused:");
            for (UpdateError e : errors) {
                sb.append("\n  update ").append(e.updateIndex()).append(", ").append(e);
            }
        }
        return sb.toString();
    }

    /** What was attempted, e.g. {@code "write to device 1 at 127.0.0.1:50051"}. */
    public String operation() {
        return operation;
    }

    /** The RPC's status; {@code UNKNOWN} for a write whose updates failed (see {@link #updateErrors()}). */
    public Status.Code code() {
        return code;
    }

    public String description() {
        return description;
    }

    /** The refused updates of a write, in request order; empty for other calls. */
    public List<UpdateError> updateErrors() {
        return updateErrors;
    }

    /** True when the call or any of its updates failed with this code. */
    public boolean hasCode(Status.Code wanted) {
        return code == wanted || updateErrors.stream().anyMatch(e -> e.code() == wanted);
    }
}
