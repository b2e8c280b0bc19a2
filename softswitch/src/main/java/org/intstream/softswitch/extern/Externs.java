package org.intstream.softswitch.extern;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.intstream.softswitch.model.JsonPath;
import org.intstream.softswitch.model.Layout;

/**
 * The stateful objects and calculations of a loaded program, by name: registers, counters, meters and
 * hash calculations. They live as long as the program is loaded (a new pipeline config starts afresh).
 */
public final class Externs {
    private final Map<String, RegisterArray> registers = new LinkedHashMap<>();
    private final Map<String, CounterArray> counters = new LinkedHashMap<>();
    private final Map<String, MeterArray> meters = new LinkedHashMap<>();
    private final Map<String, Calculation> calculations = new LinkedHashMap<>();
    /** Direct counters by the table they are bound to. */
    private final Map<String, String> directCounters = new LinkedHashMap<>();

    /** Reads {@code register_arrays}, {@code counter_arrays}, {@code meter_arrays}, {@code calculations}. */
    public static Externs read(JsonPath root, Layout layout) {
        Externs e = new Externs();
        for (JsonPath r : root.array("register_arrays")) {
            String name = r.text("name");
            e.registers.put(name, new RegisterArray(name, positive(r, "size"), positive(r, "bitwidth")));
        }
        for (JsonPath c : root.array("counter_arrays")) {
            String name = c.text("name");
            if (c.bool("is_direct", false)) {
                e.directCounters.put(c.text("binding"), name);
                continue;
            }
            e.counters.put(name, new CounterArray(name, positive(c, "size")));
        }
        for (JsonPath m : root.array("meter_arrays")) {
            if (m.bool("is_direct", false)) {
                throw m.error("direct meter \"" + m.text("name") + "\" is not supported by the soft switch");
            }
            String name = m.text("name");
            String type = m.text("type");
            if (!type.equals("packets") && !type.equals("bytes")) {
                throw m.get("type").error("meter type must be \"packets\" or \"bytes\", is \"" + type + "\"");
            }
            if (m.has("rate_count") && m.integer("rate_count") != 2) {
                throw m.get("rate_count").error("only two-rate meters are supported");
            }
            e.meters.put(name, new MeterArray(name, positive(m, "size"), type.equals("bytes")));
        }
        for (JsonPath c : root.array("calculations")) {
            Calculation calc = Calculation.read(c, layout);
            e.calculations.put(calc.name(), calc);
        }
        return e;
    }

    private static int positive(JsonPath node, String member) {
        int v = node.integer(member);
        if (v <= 0) {
            throw node.get(member).error(member + " must be positive, is " + v);
        }
        return v;
    }

    /** The direct counter bound to {@code table}, or null. */
    public String directCounterOf(String table) {
        return directCounters.get(table);
    }

    public RegisterArray register(String name, JsonPath where) {
        return found(registers.get(name), "register array", name, where);
    }

    public CounterArray counter(String name, JsonPath where) {
        return found(counters.get(name), "counter array", name, where);
    }

    public MeterArray meter(String name, JsonPath where) {
        return found(meters.get(name), "meter array", name, where);
    }

    public Calculation calculation(String name, JsonPath where) {
        return found(calculations.get(name), "calculation", name, where);
    }

    public RegisterArray register(String name) {
        return registers.get(name);
    }

    public CounterArray counter(String name) {
        return counters.get(name);
    }

    public MeterArray meter(String name) {
        return meters.get(name);
    }

    public Collection<CounterArray> counters() {
        return counters.values();
    }

    public Collection<MeterArray> meters() {
        return meters.values();
    }

    public Collection<RegisterArray> registers() {
        return registers.values();
    }

    private static <T> T found(T value, String kind, String name, JsonPath where) {
        if (value == null) {
            throw where.error("unknown " + kind + " \"" + name + "\"");
        }
        return value;
    }
}
