package org.intstream.onos.cli;

import org.intstream.onos.IntStreamQuery;

/** Words for where a query runs, shared by the commands. */
final class QueryText {
    private QueryText() {
    }

    static String placement(IntStreamQuery q) {
        switch (q.status()) {
            case ON_SWITCHES:
                return "on switches " + String.join(", ", q.devices());
            case WAITING_FOR_SWITCHES:
                return "waiting for switches running the IntStream pipeconf";
            case HOSTS_ONLY:
                return "on end-host agents only (" + q.note() + ")";
            default:
                throw new IllegalStateException("unknown status " + q.status());
        }
    }
}
