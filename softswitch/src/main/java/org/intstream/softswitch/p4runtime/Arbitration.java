package org.intstream.softswitch.p4runtime;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Client arbitration per role: every stream registers an election id (unique within its role); the
 * stream with the highest one is the primary and may write, the others are backups and may only read.
 *
 * @param <S> the stream handle
 */
public final class Arbitration<S> {
    private final Map<Long, Map<S, BigInteger>> roles = new LinkedHashMap<>();

    /**
     * Registers or updates a stream's election id.
     *
     * @return false if another stream of the role already holds that election id
     */
    public synchronized boolean register(long role, S stream, BigInteger electionId) {
        Map<S, BigInteger> streams = roles.computeIfAbsent(role, r -> new LinkedHashMap<>());
        for (Map.Entry<S, BigInteger> e : streams.entrySet()) {
            if (!e.getKey().equals(stream) && e.getValue().equals(electionId)) {
                return false;
            }
        }
        // A stream moving to another role leaves its old one.
        for (Map.Entry<Long, Map<S, BigInteger>> r : roles.entrySet()) {
            if (r.getKey() != role) {
                r.getValue().remove(stream);
            }
        }
        streams.put(stream, electionId);
        return true;
    }

    public synchronized void remove(S stream) {
        for (Map<S, BigInteger> streams : roles.values()) {
            streams.remove(stream);
        }
    }

    /** Whether no stream of any role has arbitrated. */
    public synchronized boolean noClients() {
        for (Map<S, BigInteger> streams : roles.values()) {
            if (!streams.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The role a stream registered for, or null. */
    public synchronized Long roleOf(S stream) {
        for (Map.Entry<Long, Map<S, BigInteger>> r : roles.entrySet()) {
            if (r.getValue().containsKey(stream)) {
                return r.getKey();
            }
        }
        return null;
    }

    /** The highest election id of a role's streams, or null if it has none. */
    public synchronized BigInteger primaryElectionId(long role) {
        BigInteger best = null;
        for (BigInteger id : roles.getOrDefault(role, Map.of()).values()) {
            if (best == null || id.compareTo(best) > 0) {
                best = id;
            }
        }
        return best;
    }

    public synchronized S primary(long role) {
        S best = null;
        BigInteger bestId = null;
        for (Map.Entry<S, BigInteger> e : roles.getOrDefault(role, Map.of()).entrySet()) {
            if (bestId == null || e.getValue().compareTo(bestId) > 0) {
                best = e.getKey();
                bestId = e.getValue();
            }
        }
        return best;
    }

    /** Whether a request with this election id comes from the role's primary. */
    public synchronized boolean isPrimary(long role, BigInteger electionId) {
        BigInteger primary = primaryElectionId(role);
        return primary != null && primary.equals(electionId);
    }

    public synchronized List<S> streams(long role) {
        return new ArrayList<>(roles.getOrDefault(role, Map.of()).keySet());
    }

    public synchronized BigInteger electionId(S stream) {
        for (Map<S, BigInteger> streams : roles.values()) {
            BigInteger id = streams.get(stream);
            if (id != null) {
                return id;
            }
        }
        return null;
    }
}
