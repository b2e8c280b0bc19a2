package org.intstream.p4runtime;

import p4.v1.P4RuntimeOuterClass.Entity;
import p4.v1.P4RuntimeOuterClass.Update;

/**
 * One update of a write, encoded and ready, with the spec it came from (so a successful write can be
 * remembered for re-sync) and a description that names it in errors.
 */
record PendingUpdate(Update.Type type, Entity entity, Object spec, String description) {

    Update toProto() {
        return Update.newBuilder().setType(type).setEntity(entity).build();
    }

    PendingUpdate as(Update.Type newType) {
        return new PendingUpdate(newType, entity, spec, description);
    }
}
