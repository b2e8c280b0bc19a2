package org.intstream.onos;

/** Where a submitted query runs, as far as the ONOS app placed it. */
public enum QueryStatus {
    /** Its switch stage is installed in a slot of every device that runs IntStream's pipeconf. */
    ON_SWITCHES,
    /** It has a switch stage, but no available device runs IntStream's pipeconf yet. */
    WAITING_FOR_SWITCHES,
    /** No switch slot can run any part of it: only end-host agents can (the note says why). */
    HOSTS_ONLY
}
