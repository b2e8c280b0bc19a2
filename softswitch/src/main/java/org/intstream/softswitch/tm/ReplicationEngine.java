package org.intstream.softswitch.tm;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The packet replication engine: multicast groups and clone sessions, as the control plane configures
 * them. Thread-safe: the P4Runtime server writes while the data plane reads.
 */
public final class ReplicationEngine {
    private final Map<Integer, List<Replica>> groups = new TreeMap<>();
    private final Map<Integer, CloneSession> sessions = new TreeMap<>();

    public synchronized List<Replica> group(int id) {
        return groups.get(id);
    }

    public synchronized void putGroup(int id, List<Replica> replicas) {
        groups.put(id, List.copyOf(replicas));
    }

    public synchronized boolean removeGroup(int id) {
        return groups.remove(id) != null;
    }

    public synchronized Map<Integer, List<Replica>> groups() {
        return Map.copyOf(groups);
    }

    public synchronized CloneSession session(int id) {
        return sessions.get(id);
    }

    public synchronized void putSession(CloneSession session) {
        sessions.put(session.id(), session);
    }

    public synchronized boolean removeSession(int id) {
        return sessions.remove(id) != null;
    }

    public synchronized Map<Integer, CloneSession> sessions() {
        return Map.copyOf(sessions);
    }

    public synchronized void clear() {
        groups.clear();
        sessions.clear();
    }
}
