package org.intstream.controller.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The agents the controller knows and which of them it waits for. An agent that disconnects stays expected
 * for a while ({@code forgetAfterMillis}): it may reconnect and resend what was not acknowledged, and
 * windows it has not reported are published only after their grace period, marked partial. Thread-safe.
 */
public final class AgentRoster {
    private final long forgetAfterMillis;
    private final Map<String, Entry> agents = new TreeMap<>();

    public AgentRoster(long forgetAfterMillis) {
        if (forgetAfterMillis < 0) {
            throw new IllegalArgumentException("forget-after can't be negative: " + forgetAfterMillis);
        }
        this.forgetAfterMillis = forgetAfterMillis;
    }

    /** Records a connection; a second connection of the same id replaces the first (a reconnect). */
    public synchronized void connected(String agentId, String point, AgentLink link, long nowMillis) {
        agents.put(agentId, new Entry(agentId, point, link, nowMillis));
    }

    /** Records that the agent's connection ended, unless a newer connection replaced it already. */
    public synchronized void disconnected(String agentId, AgentLink link, long nowMillis) {
        Entry e = agents.get(agentId);
        if (e != null && e.link == link) {
            e.link = null;
            e.since = nowMillis;
        }
    }

    /** Agents connected now, and those disconnected less than forget-after ago. */
    public synchronized Set<String> expected(long nowMillis) {
        Set<String> ids = new TreeSet<>();
        agents.values().removeIf(e -> e.link == null && nowMillis - e.since >= forgetAfterMillis);
        for (Entry e : agents.values()) {
            ids.add(e.id);
        }
        return ids;
    }

    /** The links of the agents connected now. */
    public synchronized List<AgentLink> links() {
        List<AgentLink> links = new ArrayList<>();
        for (Entry e : agents.values()) {
            if (e.link != null) {
                links.add(e.link);
            }
        }
        return links;
    }

    /** A snapshot of every known agent, by id. */
    public synchronized List<AgentStatus> status() {
        List<AgentStatus> out = new ArrayList<>();
        for (Entry e : agents.values()) {
            out.add(new AgentStatus(e.id, e.point, e.link != null, e.since));
        }
        return out;
    }

    private static final class Entry {
        final String id;
        final String point;
        AgentLink link;
        long since;

        Entry(String id, String point, AgentLink link, long since) {
            this.id = id;
            this.point = point;
            this.link = link;
            this.since = since;
        }
    }
}
