package org.intstream.standalone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code intstream results}: a query's latest merged windows, with their coverage. */
@Command(name = "results", mixinStandardHelpOptions = true,
        description = "Show a query's latest merged windows at the controller (partial windows show their coverage).")
public final class ResultsCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--limit", defaultValue = "20", description = "Most windows shown, the latest (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Mixin
    ServerOption server;

    @Override
    public Integer call() throws IOException {
        if (!format.equals("table") && !format.equals("json")) {
            throw new IllegalArgumentException("--format is table or json, not '" + format + "'");
        }
        JsonNode r = server.client().results(name, limit);
        if (format.equals("json")) {
            System.out.println(r.toPrettyString());
            return 0;
        }
        List<String> columns = new ArrayList<>();
        r.path("columns").forEach(c -> columns.add(c.asText()));
        System.out.println("window_start             coverage  " + String.join("  ", columns));
        for (JsonNode w : r.path("windows")) {
            String head = TIME.format(Instant.ofEpochMilli(w.path("window_start").asLong())) + "  "
                    + String.format("%-8s", w.path("coverage").asText() + (w.path("partial").asBoolean() ? "*" : ""));
            if (w.path("rows").isEmpty()) {
                System.out.println(head + "  (no rows)");
            }
            for (JsonNode row : w.path("rows")) {
                List<String> cells = new ArrayList<>();
                for (String c : columns) {
                    cells.add(row.path(c).isNull() ? "-" : row.path(c).asText());
                }
                System.out.println(head + "  " + String.join("  ", cells));
            }
        }
        return 0;
    }
}
