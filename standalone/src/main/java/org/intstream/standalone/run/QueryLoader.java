package org.intstream.standalone.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.intstream.query.QueryDefinition;
import org.intstream.query.QueryException;
import org.intstream.query.dsl.DslParser;
import org.intstream.query.plan.JoinNode;
import org.intstream.query.plan.LogicalPlan;
import org.intstream.query.plan.PlanKinds;
import org.intstream.query.plan.ScanNode;

/**
 * Finds the queries a command names: a shipped query by name ({@code port_scan}), a file, or query text.
 * Queries that a named query reads (a join with {@code tcp_rtt}) are loaded too, before it, from the
 * shipped set; they run but their outputs are not shown unless asked for.
 */
public final class QueryLoader {
    /** The shipped queries, in the order the demo shows them. */
    public static final List<String> SHIPPED = List.of("tcp_new_conn", "sketch_gen", "port_scan", "super_spreader",
            "tcp_retransmission", "syn_flood", "slowloris", "heavy_hitter", "tcp_incomplete_flows", "split_processing",
            "cryptomining", "ssh_brute", "ddos", "tcp_rtt");

    private final Map<String, QueryDefinition> loaded = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> requested = new ArrayList<>();

    /** Loads a query given by name, file or text, and what it depends on. */
    public void load(String spec) {
        List<QueryDefinition> defs = resolve(spec);
        for (QueryDefinition q : defs) {
            sources.putIfAbsent(q.name(), sourceLabel(spec));
            addWithDependencies(q);
            if (!requested.contains(q.name())) {
                requested.add(q.name());
            }
        }
    }

    private void addWithDependencies(QueryDefinition q) {
        if (loaded.containsKey(q.name())) {
            return;
        }
        for (String dep : readsFrom(q.plan())) {
            String base = dep.contains(".") ? dep.substring(0, dep.indexOf('.')) : dep;
            if (!loaded.containsKey(base) && shipped(base) != null) {
                sources.putIfAbsent(base, "queries/" + base + ".isq");
                addWithDependencies(shipped(base));
            }
        }
        loaded.put(q.name(), q);
    }

    private static List<String> readsFrom(LogicalPlan plan) {
        List<String> names = new ArrayList<>();
        for (LogicalPlan node : PlanKinds.postOrder(plan)) {
            if (node instanceof ScanNode && !((ScanNode) node).isPackets() && !((ScanNode) node).isProbe()) {
                names.add(((ScanNode) node).stream());
            }
            if (node instanceof JoinNode && ((JoinNode) node).right() instanceof ScanNode) {
                ScanNode s = (ScanNode) ((JoinNode) node).right();
                if (!s.isPackets()) {
                    names.add(s.stream());
                }
            }
        }
        return names;
    }

    /** Where a loaded query was written, for messages: "queries/x.isq", a file name, or "query text". */
    public String source(String queryName) {
        return sources.getOrDefault(queryName, queryName);
    }

    private static String sourceLabel(String spec) {
        if (shipped(spec) != null) {
            return "queries/" + spec + ".isq";
        }
        boolean text = spec.contains("\n") || spec.trim().startsWith("query ") || spec.contains("|");
        return text ? "query text" : spec;
    }

    /** Every loaded query, dependencies first. */
    public List<QueryDefinition> queries() {
        return new ArrayList<>(loaded.values());
    }

    /** The names the user asked for (their outputs are shown). */
    public List<String> requested() {
        return List.copyOf(requested);
    }

    static List<QueryDefinition> resolve(String spec) {
        QueryDefinition shipped = shipped(spec);
        if (shipped != null) {
            return List.of(shipped);
        }
        Path file = Path.of(spec);
        boolean looksLikeText = spec.contains("\n") || spec.trim().startsWith("query ") || spec.contains("|");
        if (!looksLikeText && Files.isRegularFile(file)) {
            try {
                return parse(Files.readString(file, StandardCharsets.UTF_8), spec);
            } catch (IOException e) {
                throw new QueryException(null, "can't read query file " + spec + ": " + e.getMessage());
            }
        }
        if (looksLikeText) {
            return parse(spec, "query text");
        }
        throw new QueryException(null, "'" + spec + "' is neither a shipped query (" + String.join(", ", SHIPPED)
                + "), a file, nor query text");
    }

    private static List<QueryDefinition> parse(String text, String source) {
        try {
            List<QueryDefinition> defs = DslParser.parse(text);
            if (defs.isEmpty()) {
                throw new QueryException(source, null, "no query found (a query starts with 'query <name>')");
            }
            return defs;
        } catch (QueryException e) {
            throw e.sourceName() == null ? e.inSource(source) : e;
        }
    }

    /** A shipped query by name, or null. */
    public static QueryDefinition shipped(String name) {
        if (!name.matches("[a-z_0-9]+")) {
            return null;
        }
        String text = shippedText(name);
        return text == null ? null : parse(text, "queries/" + name + ".isq").get(0);
    }

    /** The text of a shipped query, or null. */
    public static String shippedText(String name) {
        try (InputStream in = QueryLoader.class.getResourceAsStream("/queries/" + name + ".isq")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("can't read shipped query " + name, e);
        }
    }
}
