package org.intstream.onos.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How the commands read a query argument and {@code -p KEY=VALUE} options. */
final class QueryArguments {
    private QueryArguments() {
    }

    /**
     * The query text an argument stands for: the contents of a file of that path on the ONOS host, else the
     * argument itself (quote it in the Karaf shell, whose own pipe is '|').
     */
    static String text(String argument) {
        Path file;
        try {
            file = Path.of(argument);
        } catch (RuntimeException e) {
            return argument;
        }
        if (argument.contains("\n") || !Files.isRegularFile(file)) {
            return argument;
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read query file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parameter overrides by name.
     *
     * @throws IllegalArgumentException naming an option that is not KEY=VALUE or a key given twice
     */
    static Map<String, String> parameters(List<String> options) {
        Map<String, String> out = new TreeMap<>();
        if (options == null) {
            return out;
        }
        for (String o : options) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("parameter '" + o + "' is not KEY=VALUE (e.g. -p threshold=20)");
            }
            String key = o.substring(0, eq).trim();
            if (out.put(key, o.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("parameter '" + key + "' is given twice");
            }
        }
        return out;
    }
}
