package org.intstream.agent.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.intstream.proto.agent.Install;
import org.intstream.query.type.IpAddress;
import org.junit.jupiter.api.Test;

/** How a parent merges its subtree's rows of one window, per kind of split. */
class PartialCombinerTest {
    private static final Path QUERIES = Path.of("..", "queries");

    private static PartialCombiner combiner(String query, String sides, String... params) throws IOException {
        Install.Builder in = Install.newBuilder().setQuery(query).setQueryVersion(1).setSides(sides)
                .setDsl(Files.readString(QUERIES.resolve(query + ".isq")));
        for (int i = 0; i < params.length; i += 2) {
            in.putParameters(params[i], params[i + 1]);
        }
        return PartialCombiner.of(in.build());
    }

    private static IpAddress ip(String text) {
        return IpAddress.tryParse(text);
    }

    private static List<String> text(List<Object[]> rows) {
        return rows.stream().map(Arrays::toString).sorted().toList();
    }

    @Test
    void countsOfTheSameKeyAddUpAndTheThresholdWaitsForTheController() throws IOException {
        PartialCombiner c = combiner("tcp_new_conn", "SENDER", "threshold", "10");
        assertThat(c.width()).isEqualTo(2);
        assertThat(c.windowMicros()).isEqualTo(5_000_000L);
        List<Object[]> merged = c.combine(List.of(
                List.of(new Object[] {ip("10.0.0.1"), 3L}, new Object[] {ip("10.0.0.2"), 1L}),
                List.<Object[]>of(new Object[] {ip("10.0.0.1"), 8L})));
        // 11 and 1: both go up, the threshold of 10 is applied to the network-wide sums above.
        assertThat(text(merged)).containsExactly("[10.0.0.1, 11]", "[10.0.0.2, 1]");
    }

    @Test
    void distinctTuplesAreUnitedOnce() throws IOException {
        PartialCombiner c = combiner("ddos", "SENDER");
        Object[] a = {ip("10.0.0.9"), ip("10.0.0.1")};
        Object[] b = {ip("10.0.0.9"), ip("10.0.0.2")};
        assertThat(c.width()).isEqualTo(2);
        List<Object[]> merged = c.combine(List.of(List.<Object[]>of(a, b), List.<Object[]>of(a.clone())));
        assertThat(text(merged)).containsExactly("[10.0.0.9, 10.0.0.1]", "[10.0.0.9, 10.0.0.2]");
    }

    @Test
    void pointLocalRowsAreTheirUnion() throws IOException {
        PartialCombiner c = combiner("port_scan", "BY_KEY");
        Object[] row = new Object[c.width()];
        row[0] = ip("10.0.0.1");
        List<Object[]> merged = c.combine(List.of(List.<Object[]>of(row), List.<Object[]>of(row.clone())));
        assertThat(merged).hasSize(2);
    }
}
