package org.intstream.agent.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exact amounts per key computed by tshark and SQLite alone (src/test/resources/oracle/export-counts.sh),
 * by chain, protocol ("any", "tcp", "udp", "icmp"), key type and increment.
 */
final class ExpectedCounts {
    static final Path DIR = Path.of("src", "test", "resources", "oracle");

    private final Map<String, Map<String, Long>> byCounter = new HashMap<>();

    static ExpectedCounts read(String name) throws IOException {
        ExpectedCounts counts = new ExpectedCounts();
        List<String> lines = Files.readAllLines(DIR.resolve(name), StandardCharsets.UTF_8);
        if (!lines.get(0).equals("chain,proto,key_type,increment,key,value")) {
            throw new IllegalStateException(name + ": unexpected header " + lines.get(0));
        }
        for (String line : lines.subList(1, lines.size())) {
            // Keys of two parts hold a comma, and CSV quotes them.
            String[] head = line.split(",", 5);
            String rest = head[4];
            int last = rest.lastIndexOf(',');
            String key = rest.substring(0, last).replace("\"", "");
            long value = Long.parseLong(rest.substring(last + 1));
            counts.byCounter.computeIfAbsent(id(head[0], head[1], head[2], head[3]), k -> new TreeMap<>())
                    .put(key, value);
        }
        return counts;
    }

    private static String id(String chain, String proto, String keyType, String increment) {
        return chain + "/" + proto + "/" + keyType + "/" + increment;
    }

    /** Key text to exact amount; empty when nothing matched. */
    Map<String, Long> of(FilterChain chain, Protocol proto, CounterKeyType keyType, Increment increment) {
        return byCounter.getOrDefault(id(chain.name(), proto == null ? "any" : proto.text(), keyType.text(),
                increment.text()), Map.of());
    }
}
