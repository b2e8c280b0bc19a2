package org.intstream.engine.probe;

import java.util.Objects;
import org.intstream.query.plan.ProbeSpec;

/**
 * One target of a probe, ready to run: what to measure, toward which host (an address, or a name resolved when
 * the probe runs), on which port, with which bounds. Immutable.
 */
public final class ProbeTask {
    private final ProbeSpec.Kind kind;
    private final String host;
    private final int port;
    private final long everyMicros;
    private final long timeoutMicros;
    private final long bytes;

    /**
     * @param host an address literal or a host name
     * @param port the port, or 0 where the kind has none (icmp)
     * @param bytes what a bandwidth probe sends (0 for the others)
     */
    public ProbeTask(ProbeSpec.Kind kind, String host, int port, long everyMicros, long timeoutMicros, long bytes) {
        this.kind = Objects.requireNonNull(kind, "kind can't be null");
        this.host = Objects.requireNonNull(host, "host can't be null");
        this.port = port;
        this.everyMicros = everyMicros;
        this.timeoutMicros = timeoutMicros;
        this.bytes = bytes;
    }

    public ProbeSpec.Kind kind() {
        return kind;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public long everyMicros() {
        return everyMicros;
    }

    public long timeoutMicros() {
        return timeoutMicros;
    }

    public long bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ProbeTask)) {
            return false;
        }
        ProbeTask t = (ProbeTask) o;
        return t.kind == kind && t.host.equals(host) && t.port == port && t.everyMicros == everyMicros
                && t.timeoutMicros == timeoutMicros && t.bytes == bytes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, host, port, everyMicros, timeoutMicros, bytes);
    }

    @Override
    public String toString() {
        return kind.words() + " " + host + (port == 0 ? "" : ":" + port);
    }
}
