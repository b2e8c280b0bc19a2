package org.intstream.standalone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.intstream.query.QueryException;
import org.intstream.standalone.run.QueryLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code intstream submit}: sends a query to the controller, which installs its local stage on every agent. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Submit a query (a shipped query's name, a file holding one query, or query text) to the "
                + "controller.",
        footer = {"", "Example:", "  intstream submit tcp_new_conn --param threshold=40"})
public final class SubmitCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME|FILE|TEXT")
    String query;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "a parameter value; repeatable")
    List<String> params = new ArrayList<>();

    @Option(names = "--allow-estimates", description = "Let switches' estimates (count-min, Bloom) stand in for this "
            + "exact query: without it a switch never runs an exact query; with it the switches its stage fits run "
            + "it too (--placement everywhere) or alone (switch-first). A query that estimates by itself allows "
            + "them anyway.")
    boolean allowEstimates;

    @Mixin
    ServerOption server;

    @Override
    public Integer call() throws IOException {
        JsonNode q = server.client().submit(text(query), parameters(params), allowEstimates);
        System.out.println("submitted " + q.path("name").asText() + " (version " + q.path("version").asLong() + ", "
                + q.path("mode").asText() + ", window " + q.path("window_us").asLong() / 1000 + " ms)");
        return 0;
    }

    /** A shipped query's text, a file's contents, or the text itself. */
    static String text(String spec) throws IOException {
        String shipped = spec.matches("[a-z_0-9]+") ? QueryLoader.shippedText(spec) : null;
        if (shipped != null) {
            return shipped;
        }
        Path file = Path.of(spec);
        if (!spec.contains("|") && Files.isRegularFile(file)) {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        if (spec.contains("|") || spec.trim().startsWith("query ")) {
            return spec;
        }
        throw new QueryException(null, "'" + spec + "' is neither a shipped query, a file, nor query text");
    }

    static Map<String, String> parameters(List<String> params) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--param wants KEY=VALUE, got '" + p + "'");
            }
            out.put(p.substring(0, eq), p.substring(eq + 1));
        }
        return out;
    }
}
