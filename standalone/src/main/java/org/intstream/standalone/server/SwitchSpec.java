package org.intstream.standalone.server;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A switch the standalone controller programs: its name, its P4Runtime address and device id, its edge
 * (host-facing) ports, and how its clock relates to Unix time. Immutable; parsed from
 * {@code NAME=HOST:PORT[@DEVICE_ID]}.
 */
public final class SwitchSpec {
    /** How the switch's clock is turned into Unix time, and how the controller follows it. */
    public enum ClockMode {
        /** Its timestamps are Unix microseconds modulo 2^48 (the soft switch on live ports); wall clock. */
        UNIX,
        /** Its timestamps are a replayed capture's (the soft switch replaying); clock learned from reports. */
        REPLAY,
        /** An offset given by the operator (BMv2: Unix time minus its clock, i.e. its start time); wall clock. */
        OFFSET,
        /**
         * An offset the controller measures with probe packets at connect time and again after the switch
         * restarts (BMv2, or any switch whose clock is not Unix time); wall clock.
         */
        CALIBRATE
    }

    private final String name;
    private final String target;
    private final long deviceId;
    private final Set<Integer> edgePorts;
    private final ClockMode clock;
    private final long clockMicros;

    private SwitchSpec(String name, String target, long deviceId, Set<Integer> edgePorts, ClockMode clock,
            long clockMicros) {
        this.name = name;
        this.target = target;
        this.deviceId = deviceId;
        this.edgePorts = Set.copyOf(edgePorts);
        this.clock = clock;
        this.clockMicros = clockMicros;
    }

    /**
     * Parses {@code NAME=HOST:PORT[@DEVICE_ID]} (device id 1 when omitted).
     *
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static SwitchSpec parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--switch wants NAME=HOST:PORT[@DEVICE_ID], got '" + text + "'");
        }
        String name = text.substring(0, eq);
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("--switch " + text + ": the name may hold letters, digits, '_', '.' "
                    + "and '-' only");
        }
        String rest = text.substring(eq + 1);
        long deviceId = 1;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            try {
                deviceId = Long.parseLong(rest.substring(at + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--switch " + text + ": device id '" + rest.substring(at + 1)
                        + "' is not a number");
            }
            rest = rest.substring(0, at);
        }
        int colon = rest.lastIndexOf(':');
        if (colon <= 0 || !rest.substring(colon + 1).matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("--switch " + text + ": '" + rest + "' is not HOST:PORT");
        }
        return new SwitchSpec(name, rest, deviceId, Set.of(), ClockMode.UNIX, 0);
    }

    /** A copy whose edge ports are the given comma-separated list, e.g. "1,2". */
    public SwitchSpec withEdgePorts(String list) {
        Set<Integer> ports = new TreeSet<>();
        for (String p : list.split(",")) {
            try {
                int port = Integer.parseInt(p.trim());
                if (port < 0 || port > 511) {
                    throw new NumberFormatException();
                }
                ports.add(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--switch-edge " + name + "=" + list + ": '" + p.trim()
                        + "' is not a port (0..511)");
            }
        }
        return new SwitchSpec(name, target, deviceId, ports, clock, clockMicros);
    }

    /** A copy with a clock mode and its value (the capture's start for REPLAY, the offset for OFFSET). */
    public SwitchSpec withClock(ClockMode mode, long micros) {
        return new SwitchSpec(name, target, deviceId, edgePorts, Objects.requireNonNull(mode), micros);
    }

    public String name() {
        return name;
    }

    /** HOST:PORT of its P4Runtime server. */
    public String target() {
        return target;
    }

    public long deviceId() {
        return deviceId;
    }

    public Set<Integer> edgePorts() {
        return edgePorts;
    }

    public ClockMode clock() {
        return clock;
    }

    /** The capture's first timestamp (REPLAY) or the offset (OFFSET), microseconds. */
    public long clockMicros() {
        return clockMicros;
    }

    @Override
    public String toString() {
        return name + "=" + target + "@" + deviceId;
    }
}
