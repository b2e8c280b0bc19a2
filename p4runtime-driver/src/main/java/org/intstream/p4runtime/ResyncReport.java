package org.intstream.p4runtime;

import java.util.List;

/**
 * What a re-sync after reconnecting did: whether the switch had lost the pipeline and it was pushed again,
 * how many remembered entities were written back, how many were still there (and were rewritten as a
 * modify), which the switch refused, and the error that stopped it, if any.
 */
public record ResyncReport(boolean pipelinePushed, int reinstalled, int stillPresent, List<UpdateError> refused,
                           RuntimeException error) {

    public ResyncReport {
        refused = List.copyOf(refused);
    }

    /** True when the switch holds everything the driver had installed again. */
    public boolean isComplete() {
        return error == null && refused.isEmpty();
    }
}
