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
import org.intstream.query.ParameterBinder;
import org.intstream.query.QueryDefinition;
import org.intstream.query.dsl.DslParser;
import org.junit.jupiter.api.Test;

/**
 * The local and global stages of every shipped query against {@code golden/distributed-plans.txt}. Rewrite
 * after an intended change with
 * {@code mvn -o -pl query-compiler test -Dtest=DistributedPlansGoldenTest -Dgolden.update=true} and review
 * the diff.
 */
class DistributedPlansGoldenTest {
    private static final Path QUERIES = Path.of("..", "queries");
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "distributed-plans.txt");
    private static final String HEADER = "# Distributed plans of the shipped queries (PlanSplitter), parameters at their defaults.\n"
            + "# Checked by DistributedPlansGoldenTest; rewrite with -Dgolden.update=true after an intended change.\n";

    static Map<String, DistributedPlan> shipped() throws IOException {
        return shipped(PlanSplitter.Sides.SENDER);
    }

    static Map<String, DistributedPlan> shipped(PlanSplitter.Sides sides) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(QUERIES)) {
            files = s.filter(p -> p.toString().endsWith(".isq")).sorted().collect(Collectors.toList());
        }
        Map<String, DistributedPlan> out = new TreeMap<>();
        for (Path f : files) {
            QueryDefinition q = DslParser.parseQuery(Files.readString(f, StandardCharsets.UTF_8));
            out.put(q.name(), PlanSplitter.split(q.name(), ParameterBinder.bind(q, Map.of()), sides));
        }
        return out;
    }

    @Test
    void everyShippedQueryHasItsGoldenDistributedPlan() throws IOException {
        StringBuilder b = new StringBuilder(HEADER);
        shipped().forEach((name, plan) -> b.append("\n== ").append(name).append('\n').append(plan));
        String actual = b.toString();
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).as("distributed plans differ from " + GOLDEN + "; if intended, rewrite with -Dgolden.update=true")
                .isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    @Test
    void onTheSendingSideQueriesPerSourceAreAnsweredLocallyAndPerDestinationMerged() throws IOException {
        Map<String, DistributedPlan> plans = shipped();
        for (String q : List.of("port_scan", "super_spreader", "heavy_hitter", "cryptomining")) {
            assertThat(plans.get(q).mode()).as(q).isEqualTo(DistributedPlan.Mode.POINT_LOCAL);
            assertThat(plans.get(q).point()).as(q).isEqualTo(ObservationPoint.PACKET_AT_SENDER);
        }
        for (String q : List.of("tcp_new_conn", "ddos", "ssh_brute", "syn_flood", "slowloris")) {
            assertThat(plans.get(q).mode()).as(q).isEqualTo(DistributedPlan.Mode.MERGE);
        }
        // Connection analyses see both directions at the client; a per-connection threshold runs there.
        assertThat(plans.get("tcp_retransmission").point()).isEqualTo(ObservationPoint.CONNECTION_AT_CLIENT);
        assertThat(plans.get("tcp_retransmission").mode()).isEqualTo(DistributedPlan.Mode.POINT_LOCAL);
        assertThat(plans.get("tcp_retransmission").local().toString()).contains("Filter(retrans > 10)");
        assertThat(plans.get("tcp_retransmission").global().toString()).doesNotContain("Filter(retrans > 10)");
    }

    @Test
    void choosingSidesByKeyAnswersPerDestinationQueriesWherePacketsLeaveTheNetwork() throws IOException {
        Map<String, DistributedPlan> plans = shipped(PlanSplitter.Sides.BY_KEY);
        for (String q : List.of("tcp_new_conn", "ddos", "ssh_brute", "slowloris")) {
            assertThat(plans.get(q).mode()).as(q).isEqualTo(DistributedPlan.Mode.POINT_LOCAL);
            assertThat(plans.get(q).point()).as(q).isEqualTo(ObservationPoint.PACKET_AT_RECEIVER);
            assertThat(plans.get(q).local().toString()).as(q).contains("Filter(");
        }
        assertThat(plans.get("port_scan").point()).isEqualTo(ObservationPoint.PACKET_AT_SENDER);
        // Per-destination counts of connection analyses stay merged: a client's agent sees them.
        assertThat(plans.get("syn_flood").mode()).isEqualTo(DistributedPlan.Mode.MERGE);
    }
}
