package org.intstream.engine.packet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Interns observation point names ("h1/eth0", "s1/3", a trace's name) to small ids, so a packet carries its
 * point as an int and operators compare ints. Ids are stable for the lifetime of the table.
 */
public final class PointTable {
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();
    private final List<String> names = new ArrayList<>();

    public synchronized int intern(String name) {
        Integer id = ids.get(name);
        if (id != null) {
            return id;
        }
        int next = names.size();
        names.add(name);
        ids.put(name, next);
        return next;
    }

    public synchronized String name(int id) {
        return id >= 0 && id < names.size() ? names.get(id) : null;
    }

    /** Id of a name already interned, or -1. */
    public int lookup(String name) {
        Integer id = ids.get(name);
        return id == null ? -1 : id;
    }
}
