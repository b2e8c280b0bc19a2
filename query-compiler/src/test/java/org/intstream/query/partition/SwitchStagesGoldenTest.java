package org.intstream.query.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.intstream.query.QueryDefinition;
import org.intstream.query.dsl.DslParser;
import org.intstream.query.switchgen.SlotProgram;
import org.intstream.query.switchgen.SwitchResourceException;
import org.intstream.query.switchgen.TableEntrySpec;
import org.junit.jupiter.api.Test;

/**
 * The switch stage of every shipped query, or why it has none, against {@code golden/switch-stages.txt}:
 * the stage, then the slot-0 filter entries it installs. Rewrite after an intended change with
 * {@code mvn -o -pl query-compiler test -Dtest=SwitchStagesGoldenTest -Dgolden.update=true} and review the diff.
 */
class SwitchStagesGoldenTest {
    private static final Path QUERIES = Path.of("..", "queries");
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "switch-stages.txt");
    private static final String HEADER = "# Switch stages of the shipped queries (SwitchStageExtractor) and their slot-0 entries.\n"
            + "# Checked by SwitchStagesGoldenTest; rewrite with -Dgolden.update=true after an intended change.\n";

    @Test
    void everyShippedQueryHasItsGoldenSwitchStage() throws IOException {
        String actual = HEADER + render();
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).as("switch stages differ from " + GOLDEN + "; if intended, rewrite with -Dgolden.update=true")
                .isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    @Test
    void theSwitchApplicationsArePlaceable() throws IOException {
        String text = render();
        for (String q : List.of("port_scan", "syn_flood", "heavy_hitter", "tcp_new_conn", "super_spreader", "ddos")) {
            assertThat(section(text, q)).as(q).startsWith("switch stage of " + q);
        }
        assertThat(section(text, "syn_flood")).contains("(candidates: the hosts decide)");
        assertThat(section(text, "tcp_retransmission")).startsWith("not placeable: ");
        // The slots' distinct tuple is the 5-tuple; packet lengths stay on the hosts.
        assertThat(section(text, "ssh_brute")).contains("not len");
    }

    private static String section(String text, String query) {
        int i = text.indexOf("== " + query + "\n");
        int j = text.indexOf("\n== ", i + 1);
        return text.substring(i + query.length() + 4, j < 0 ? text.length() : j);
    }

    private static String render() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(QUERIES)) {
            files = s.filter(p -> p.toString().endsWith(".isq")).sorted().collect(Collectors.toList());
        }
        Map<String, String> out = new TreeMap<>();
        for (Path f : files) {
            QueryDefinition q = DslParser.parseQuery(Files.readString(f, StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder();
            try {
                SwitchStage stage = SwitchStageExtractor.extract(q, Map.of());
                b.append(stage).append('\n');
                for (TableEntrySpec e : SlotProgram.of(stage, 0).entries()) {
                    b.append("  entry    ").append(e.matches()).append(" prio ").append(e.priority()).append('\n');
                }
            } catch (SwitchResourceException e) {
                b.append("does not fit (").append(e.resource()).append("): ").append(e.getMessage()).append('\n');
            } catch (NotSwitchPlaceableException e) {
                b.append("not placeable: ").append(e.position()).append(": ").append(e.reason()).append('\n');
            }
            out.put(q.name(), b.toString());
        }
        StringBuilder all = new StringBuilder();
        out.forEach((k, v) -> all.append("\n== ").append(k).append('\n').append(v));
        return all.toString();
    }
}
