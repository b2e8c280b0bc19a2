package org.intstream.p4runtime;

/**
 * Told when the client's role changes: primary, backup or disconnected. Called on the gRPC or reconnect
 * thread, in order; it should not block.
 */
@FunctionalInterface
public interface MastershipListener {

    void mastershipChanged(MastershipEvent event);
}
