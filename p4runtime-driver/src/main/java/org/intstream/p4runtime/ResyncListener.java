package org.intstream.p4runtime;

/** Told when a re-sync after a reconnect has finished, successfully or not. Called on the reconnect thread. */
@FunctionalInterface
public interface ResyncListener {

    void resynced(ResyncReport report);
}
