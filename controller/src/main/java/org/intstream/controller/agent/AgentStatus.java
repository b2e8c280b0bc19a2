package org.intstream.controller.agent;

/** One known agent: its id, where it observes, whether it is connected, and since when (epoch ms). */
public final class AgentStatus {
    private final String id;
    private final String point;
    private final boolean connected;
    private final long sinceMillis;

    public AgentStatus(String id, String point, boolean connected, long sinceMillis) {
        this.id = id;
        this.point = point;
        this.connected = connected;
        this.sinceMillis = sinceMillis;
    }

    public String id() {
        return id;
    }

    public String point() {
        return point;
    }

    public boolean connected() {
        return connected;
    }

    public long sinceMillis() {
        return sinceMillis;
    }
}
