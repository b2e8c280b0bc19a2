package org.intstream.softswitch.p4runtime;

import java.util.HashMap;
import java.util.Map;
import p4.config.v1.P4InfoOuterClass.Action;
import p4.config.v1.P4InfoOuterClass.ControllerPacketMetadata;
import p4.config.v1.P4InfoOuterClass.Counter;
import p4.config.v1.P4InfoOuterClass.Meter;
import p4.config.v1.P4InfoOuterClass.P4Info;
import p4.config.v1.P4InfoOuterClass.Table;

/** The P4Info objects of the loaded pipeline by id and by name. */
public final class P4InfoIndex {
    private final P4Info info;
    private final Map<Integer, Table> tables = new HashMap<>();
    private final Map<String, Table> tablesByName = new HashMap<>();
    private final Map<Integer, Action> actions = new HashMap<>();
    private final Map<Integer, Counter> counters = new HashMap<>();
    private final Map<Integer, Meter> meters = new HashMap<>();
    private final Map<String, ControllerPacketMetadata> controllerHeaders = new HashMap<>();

    public P4InfoIndex(P4Info info) {
        this.info = info;
        for (Table t : info.getTablesList()) {
            tables.put(t.getPreamble().getId(), t);
            tablesByName.put(t.getPreamble().getName(), t);
        }
        for (Action a : info.getActionsList()) {
            actions.put(a.getPreamble().getId(), a);
        }
        for (Counter c : info.getCountersList()) {
            counters.put(c.getPreamble().getId(), c);
        }
        for (Meter m : info.getMetersList()) {
            meters.put(m.getPreamble().getId(), m);
        }
        for (ControllerPacketMetadata h : info.getControllerPacketMetadataList()) {
            controllerHeaders.put(h.getPreamble().getName(), h);
        }
    }

    public P4Info info() {
        return info;
    }

    public Table table(int id) {
        Table t = tables.get(id);
        if (t == null) {
            throw P4RuntimeException.notFound("no table with id " + id + " in the P4Info");
        }
        return t;
    }

    public Table tableByName(String name) {
        return tablesByName.get(name);
    }

    public Iterable<Table> tables() {
        return tables.values();
    }

    public Action action(int id) {
        Action a = actions.get(id);
        if (a == null) {
            throw P4RuntimeException.invalid("no action with id " + id + " in the P4Info");
        }
        return a;
    }

    public Counter counter(int id) {
        Counter c = counters.get(id);
        if (c == null) {
            throw P4RuntimeException.notFound("no counter with id " + id + " in the P4Info");
        }
        return c;
    }

    public Iterable<Counter> counters() {
        return counters.values();
    }

    public Meter meter(int id) {
        Meter m = meters.get(id);
        if (m == null) {
            throw P4RuntimeException.notFound("no meter with id " + id + " in the P4Info");
        }
        return m;
    }

    public Iterable<Meter> meters() {
        return meters.values();
    }

    /** The {@code @controller_header("packet_in")} or ("packet_out") metadata, or null. */
    public ControllerPacketMetadata controllerHeader(String name) {
        return controllerHeaders.get(name);
    }
}
