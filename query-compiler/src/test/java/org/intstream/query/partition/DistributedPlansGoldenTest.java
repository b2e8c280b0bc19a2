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
import org.intstream.query.plan.LogicalPlan;
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
        // Every shipped query's plan is known, as when they run together: a join with another's rows may run
        // at the point.
        Map<String, LogicalPlan> bound = new TreeMap<>();
        for (Path f : files) {
            QueryDefinition q = DslParser.parseQuery(Files.readString(f, StandardCharsets.UTF_8));
            bound.put(q.name(), ParameterBinder.bind(q, Map.of()));
        }
        Map<String, DistributedPlan> out = new TreeMap<>();
        bound.forEach((name, plan) -> out.put(name, PlanSplitter.split(name, plan, sides, bound)));
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
    void aJoinWithRowsMadeAtTheSamePointRunsThereWhenTheOtherQueryIsKnownAndMatchesOnEveryPinningColumn()
            throws IOException {
        DistributedPlan known = shipped().get("tcp_retransmission");
        assertThat(known.localReads()).containsExactly("tcp_rtt");
        assertThat(known.local().toString()).contains("Join(left using src, sport, dst, dport)");
        assertThat(known.global().toString()).doesNotContain("Join");

        String text = Files.readString(QUERIES.resolve("tcp_retransmission.isq"), StandardCharsets.UTF_8);
        LogicalPlan rtt = ParameterBinder.bind(
                DslParser.parseQuery(Files.readString(QUERIES.resolve("tcp_rtt.isq"), StandardCharsets.UTF_8)), Map.of());
        QueryDefinition q = DslParser.parseQuery(text);
        DistributedPlan unknown = PlanSplitter.split(q.name(), ParameterBinder.bind(q, Map.of()), PlanSplitter.Sides.SENDER);
        assertThat(unknown.localReads()).isEmpty();
        assertThat(unknown.global().toString()).contains("Join(left");

        // Matching on the addresses alone, a flow's RTT rows could come from another connection's client.
        QueryDefinition byAddresses = DslParser.parseQuery(text.replace("using (src, sport, dst, dport)", "using (src, dst)")
                .replace("map src, sport, dst, dport,", "map src, dst,"));
        DistributedPlan loose = PlanSplitter.split(q.name(), ParameterBinder.bind(byAddresses, Map.of()),
                PlanSplitter.Sides.SENDER, Map.of("tcp_rtt", rtt));
        assertThat(loose.localReads()).isEmpty();
        assertThat(loose.global().toString()).contains("Join(left using src, dst)");
    }

    @Test
    void sketchesAndCountingSplitsMergeAtTheController() throws IOException {
        Map<String, DistributedPlan> plans = shipped();
        DistributedPlan sketch = plans.get("sketch_gen");
        assertThat(sketch.mode()).isEqualTo(DistributedPlan.Mode.MERGE);
        assertThat(sketch.sumsSketches()).isTrue();
        assertThat(sketch.local().toString()).contains("Sketch(count() as packets by ip.src as src");
        DistributedPlan split = plans.get("split_processing");
        assertThat(split.mode()).isEqualTo(DistributedPlan.Mode.MERGE);
        assertThat(split.sumsSketches()).isFalse();
        assertThat(split.local().toString()).contains("countif(ip.proto == 6) as tcp__tcp");
        assertThat(split.global().toString()).contains("sum(udp__udp) as udp");
        // A branch that keeps rows rather than counting them can't be added up: the split runs centrally.
        QueryDefinition rows = DslParser.parseQuery("query s(window = 5s) packets | window tumbling window | split {"
                + " tcp: filter ip.proto == 6 | map ip.src as src; udp: filter ip.proto == 17 | reduce count() as udp }");
        assertThat(PlanSplitter.split("s", ParameterBinder.bind(rows, Map.of())).mode())
                .isEqualTo(DistributedPlan.Mode.CENTRAL);
    }

    @Test
    void aPointLeavesOutKeysWithZeroCountsOnlyWhenTheRestOfTheQueryDropsThem() throws IOException {
        QueryDefinition synFlood = DslParser.parseQuery(Files.readString(QUERIES.resolve("syn_flood.isq"),
                StandardCharsets.UTF_8));
        DistributedPlan threshold = PlanSplitter.split("syn_flood", ParameterBinder.bind(synFlood, Map.of()));
        assertThat(threshold.local().toString()).contains("Filter(half_open != 0 or half_open__2 != 0)");
        // half_open > -1 keeps a key whose counts are all zero: every point must send it.
        DistributedPlan keepsZero = PlanSplitter.split("syn_flood",
                ParameterBinder.bind(synFlood, Map.of("threshold", "-1")));
        assertThat(keepsZero.local().toString()).doesNotContain("!= 0");
        // count() is never zero for a key some packet made: nothing to leave out.
        assertThat(shipped().get("tcp_new_conn").local().toString()).doesNotContain("!= 0");
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
