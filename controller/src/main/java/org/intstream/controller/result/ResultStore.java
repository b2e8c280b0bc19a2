package org.intstream.controller.result;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.intstream.controller.merge.MergedWindow;

/** The latest merged windows of each query, a bounded number per query (the oldest go first). Thread-safe. */
public final class ResultStore implements ResultListener {
    private final int perQuery;
    private final Map<String, Deque<MergedWindow>> windows = new HashMap<>();

    public ResultStore(int perQuery) {
        if (perQuery < 1) {
            throw new IllegalArgumentException("keep at least one window per query, not " + perQuery);
        }
        this.perQuery = perQuery;
    }

    @Override
    public synchronized void published(MergedWindow w) {
        Deque<MergedWindow> d = windows.computeIfAbsent(w.query(), k -> new ArrayDeque<>());
        d.addLast(w);
        while (d.size() > perQuery) {
            d.removeFirst();
        }
    }

    /** A query's kept windows, oldest first; empty when none. */
    public synchronized List<MergedWindow> windows(String query) {
        Deque<MergedWindow> d = windows.get(query);
        return d == null ? List.of() : new ArrayList<>(d);
    }

    /** Forgets a query's windows. */
    public synchronized void forget(String query) {
        windows.remove(query);
    }
}
