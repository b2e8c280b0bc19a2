package org.intstream.engine.probe;

import java.util.EnumMap;
import java.util.Map;
import org.intstream.query.plan.ProbeSpec;

/**
 * The probers of a host, by kind. Where a kind has none (ICMP and bandwidth need the host agent's tools), a
 * query that probes that way is refused when it starts, not when its first probe is due.
 */
public final class Probers {
    private final Map<ProbeSpec.Kind, Prober> byKind;
    private final String origin;

    private Probers(Map<ProbeSpec.Kind, Prober> byKind, String origin) {
        this.byKind = byKind;
        this.origin = origin;
    }

    /** @param origin what the rows' {@code probe.origin} says: the agent's id, or the local host's name */
    public static Probers of(String origin, Map<ProbeSpec.Kind, Prober> byKind) {
        return new Probers(new EnumMap<>(byKind), origin);
    }

    /** TCP connect-time probes only: what plain Java can measure. */
    public static Probers tcpOnly(String origin) {
        return of(origin, Map.of(ProbeSpec.Kind.RTT_TCP, new TcpConnectProber(0)));
    }

    public String origin() {
        return origin;
    }

    /** @throws IllegalArgumentException when this host can't run that kind of probe */
    public Prober forKind(ProbeSpec.Kind kind) {
        Prober p = byKind.get(kind);
        if (p == null) {
            java.util.List<String> kinds = new java.util.ArrayList<>();
            byKind.keySet().forEach(k -> kinds.add(k.words()));
            throw new IllegalArgumentException("this host runs no 'probe " + kind.words() + "' (it runs " + kinds + ")");
        }
        return p;
    }
}
