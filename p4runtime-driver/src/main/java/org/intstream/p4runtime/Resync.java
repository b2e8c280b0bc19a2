package org.intstream.p4runtime;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import p4.v1.P4RuntimeOuterClass.Update;

/**
 * Brings a switch back to what the driver installed, once the driver is primary again after losing its
 * stream. If the switch's pipeline cookie is not ours (a restarted BMv2 has no pipeline at all), the
 * pipeline is pushed first. Then every remembered entity is written as it was; entries the switch still
 * has come back ALREADY_EXISTS and are rewritten with MODIFY, so the switch ends with our actions whether
 * it lost everything or nothing. Entities the driver never installed are left alone.
 */
final class Resync {

    private final P4RuntimeClient client;
    private final InstalledState state;

    Resync(P4RuntimeClient client, InstalledState state) {
        this.client = client;
        this.state = state;
    }

    ResyncReport run() {
        boolean pushed = false;
        try {
            PipelineConfig pipeline = state.pipeline();
            if (pipeline != null) {
                OptionalLong cookie = client.pipelineCookie();
                if (cookie.isEmpty() || cookie.getAsLong() != pipeline.cookie()) {
                    client.pushPipeline(pipeline);
                    pushed = true;
                }
            }
            List<PendingUpdate> updates = state.replay();
            if (updates.isEmpty()) {
                return new ResyncReport(pushed, 0, 0, List.of(), null);
            }
            List<UpdateError> refused = new ArrayList<>();
            List<PendingUpdate> present = new ArrayList<>();
            int refusedAtFirst = 0;
            try {
                client.writeUpdates(updates, false);
            } catch (P4RuntimeException e) {
                if (e.updateErrors().isEmpty()) {
                    throw e;
                }
                for (UpdateError error : e.updateErrors()) {
                    PendingUpdate update = updates.get(error.updateIndex());
                    if (error.code() == Status.Code.ALREADY_EXISTS && update.type() == Update.Type.INSERT) {
                        present.add(update.as(Update.Type.MODIFY));
                    } else {
                        refused.add(error);
                        refusedAtFirst++;
                    }
                }
            }
            if (!present.isEmpty()) {
                try {
                    client.writeUpdates(present, false);
                } catch (P4RuntimeException e) {
                    if (e.updateErrors().isEmpty()) {
                        throw e;
                    }
                    refused.addAll(e.updateErrors());
                }
            }
            int reinstalled = updates.size() - present.size() - refusedAtFirst;
            return new ResyncReport(pushed, reinstalled, present.size(), refused, null);
        } catch (RuntimeException e) {
            return new ResyncReport(pushed, 0, 0, List.of(), e);
        }
    }
}
