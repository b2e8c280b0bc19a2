package org.intstream.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.intstream.query.api.Aggregates.avg;
import static org.intstream.query.api.Aggregates.collect;
import static org.intstream.query.api.Aggregates.count;
import static org.intstream.query.api.Aggregates.countDistinct;
import static org.intstream.query.api.Aggregates.countIf;
import static org.intstream.query.api.Aggregates.max;
import static org.intstream.query.api.Aggregates.min;
import static org.intstream.query.api.Aggregates.sum;
import static org.intstream.query.api.Exprs.call;
import static org.intstream.query.api.Exprs.field;
import static org.intstream.query.api.Exprs.lit;
import static org.intstream.query.api.Exprs.param;
import static org.intstream.query.api.Exprs.prefix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.intstream.query.QueryDefinition;
import org.intstream.query.dsl.DslParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped query, written with the fluent API, is the query its .isq file defines. */
class ShippedQueriesFluentTest {
    /** The shipped queries, next to the module. */
    private static final Path QUERIES = Paths.get("..", "queries");

    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    static Map<String, QueryDefinition> fluent() {
        Map<String, QueryDefinition> queries = new LinkedHashMap<>();
        for (QueryDefinition q : List.of(cryptomining(), ddos(), heavyHitter(), portScan(), sketchGen(), slowloris(),
                splitProcessing(), sshBrute(), superSpreader(), synFlood(), tcpIncompleteFlows(), tcpNewConn(),
                tcpRetransmission(), tcpRtt())) {
            queries.put(q.name(), q);
        }
        return queries;
    }

    static Stream<String> shippedFiles() throws IOException {
        try (Stream<Path> files = Files.list(QUERIES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".isq")).sorted()
                    .collect(Collectors.toList()).stream();
        }
    }

    @Test
    void everyShippedQueryHasItsFluentTwin() throws IOException {
        assertThat(shippedFiles().map(f -> f.substring(0, f.length() - ".isq".length())))
                .hasSize(14)
                .containsExactlyInAnyOrderElementsOf(fluent().keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedFiles")
    void theFluentQueryEqualsTheParsedFile(String file) throws IOException {
        QueryDefinition parsed = DslParser.parseQuery(Files.readString(QUERIES.resolve(file), StandardCharsets.UTF_8));
        assertThat(fluent().get(parsed.name())).isEqualTo(parsed);
    }

    static QueryDefinition cryptomining() {
        return Query.named("cryptomining").param("window", Duration.ofSeconds(60)).param("min_packets", 10)
                .packets()
                .filter(field("ip.src").isPresent())
                .window(Windows.tumbling(param("window")))
                .reduce(count().as("packets"), collect(field("ts")).as("timestamps"))
                .by(field("ip.src").as("src"), field("ip.dst").as("dst"))
                .filter(field("packets").ge(param("min_packets")))
                .build();
    }

    static QueryDefinition ddos() {
        return Query.named("ddos").param("threshold", 100).param("window", TEN_SECONDS)
                .packets()
                .filter(field("ip.src").isPresent())
                .window(Windows.tumbling(param("window")))
                .map(field("ip.dst").as("dst"), field("ip.src").as("src"))
                .distinct()
                .reduce(count().as("srcs")).by(field("dst"))
                .filter(field("srcs").gt(param("threshold")))
                .build();
    }

    static QueryDefinition heavyHitter() {
        return Query.named("heavy_hitter").param("threshold", 100_000).param("window", TEN_SECONDS)
                .param("sketch_rows", 3).param("sketch_width", 4096).param("bloom_bits", 65536).param("bloom_hashes", 3)
                .packets()
                .filter(field("ip.src").isPresent())
                .window(Windows.tumbling(param("window")))
                .reduce(sum(field("len")).as("bytes")).by(field("ip.src").as("src"))
                .using(Approx.countMin(param("sketch_rows"), param("sketch_width")),
                        Approx.bloom(param("bloom_bits"), param("bloom_hashes")))
                .filter(field("bytes").gt(param("threshold")))
                .build();
    }

    static QueryDefinition portScan() {
        return Query.named("port_scan").param("threshold", 100).param("window", TEN_SECONDS)
                .packets()
                .filter(field("ip.proto").eq(6).and(field("tcp.flags.syn")).and(field("tcp.flags.ack").not()))
                .window(Windows.tumbling(param("window")))
                .map(field("ip.src"), field("l4.dport"))
                .distinct()
                .reduce(count().as("ports")).by(field("ip.src").as("src"))
                .filter(field("ports").gt(param("threshold")))
                .build();
    }

    static QueryDefinition sketchGen() {
        return Query.named("sketch_gen").param("window", FIVE_SECONDS).param("prefix", prefix("0.0.0.0/0"))
                .param("sketch_rows", 3).param("sketch_width", 4096).param("top_keys", 10)
                .packets()
                .filter(field("ip.dst").in(param("prefix")))
                .window(Windows.tumbling(param("window")))
                .sketch(count().as("packets")).by(field("ip.src").as("src"))
                .using(Approx.countMin(param("sketch_rows"), param("sketch_width")))
                .top(param("top_keys"))
                .build();
    }

    static QueryDefinition slowloris() {
        return Query.named("slowloris").param("threshold", 500).param("min_conns", 50).param("window", TEN_SECONDS)
                .packets()
                .filter(field("ip.proto").eq(6))
                .window(Windows.tumbling(param("window")))
                .reduce(countDistinct(field("ip.src"), field("l4.sport")).as("conns"), sum(field("len")).as("bytes"))
                .by(field("ip.dst").as("dst"))
                .map(field("dst"), field("conns"), field("bytes"),
                        field("bytes").dividedBy(field("conns")).dividedBy(call("seconds", param("window"))).as("rate"))
                .filter(field("rate").lt(param("threshold")).and(field("conns").ge(param("min_conns"))))
                .build();
    }

    static QueryDefinition splitProcessing() {
        return Query.named("split_processing").param("window", FIVE_SECONDS)
                .packets()
                .filter(field("ip.version").isPresent())
                .window(Windows.tumbling(param("window")))
                .split(Branch.of("tcp", in -> in.filter(field("ip.proto").eq(6)).reduce(count().as("tcp"))),
                        Branch.of("udp", in -> in.filter(field("ip.proto").eq(17)).reduce(count().as("udp"))))
                .build();
    }

    static QueryDefinition sshBrute() {
        return Query.named("ssh_brute").param("threshold", 40).param("window", TEN_SECONDS)
                .packets()
                .filter(field("ip.proto").eq(6).and(field("l4.dport").eq(22)))
                .window(Windows.tumbling(param("window")))
                .map(field("ip.dst").as("dst"), field("ip.src").as("src"), field("len"))
                .distinct()
                .reduce(count().as("pairs")).by(field("dst"))
                .filter(field("pairs").gt(param("threshold")))
                .build();
    }

    static QueryDefinition superSpreader() {
        return Query.named("super_spreader").param("threshold", 100).param("window", TEN_SECONDS)
                .packets()
                .filter(field("ip.src").isPresent())
                .window(Windows.tumbling(param("window")))
                .map(field("ip.src"), field("ip.dst"))
                .distinct()
                .reduce(count().as("dsts")).by(field("ip.src").as("src"))
                .filter(field("dsts").gt(param("threshold")))
                .build();
    }

    static QueryDefinition synFlood() {
        Expression synOnly = field("tcp.flags.syn").and(field("tcp.flags.ack").not());
        return Query.named("syn_flood").param("threshold", 100).param("window", FIVE_SECONDS)
                .packets()
                .filter(field("ip.proto").eq(6))
                .window(Windows.tumbling(param("window")))
                .reduce(countIf(synOnly).minus(countIf(field("tcp.analysis.handshake"))).as("half_open"))
                .by(field("ip.dst").as("dst"))
                .filter(field("half_open").gt(param("threshold")))
                .build();
    }

    static QueryDefinition tcpIncompleteFlows() {
        Expression synOnly = field("tcp.flags.syn").and(field("tcp.flags.ack").not());
        return Query.named("tcp_incomplete_flows").param("threshold", 100).param("window", TEN_SECONDS)
                .packets()
                .filter(field("ip.proto").eq(6))
                .window(Windows.tumbling(param("window")))
                .reduce(max(call("if", synOnly, field("ts"))).as("opened"),
                        max(call("if", field("tcp.flags.fin"), field("ts"))).as("last_fin"))
                .by(field("tcp.conn.client").as("src"), field("tcp.conn.client_port").as("sport"),
                        field("tcp.conn.server").as("dst"), field("tcp.conn.server_port").as("dport"))
                .filter(field("opened").isPresent())
                .reduce(countIf(field("last_fin").isAbsent().or(field("last_fin").lt(field("opened"))))
                        .as("incomplete"))
                .by(field("src"))
                .filter(field("incomplete").gt(param("threshold")))
                .build();
    }

    /** Written with DSL text for the condition, which the API reads with the DSL's expression grammar. */
    static QueryDefinition tcpNewConn() {
        return Query.named("tcp_new_conn").param("threshold", 40).param("window", FIVE_SECONDS)
                .packets()
                .filter(Exprs.parse("ip.proto == 6 and tcp.flags.syn and not tcp.flags.ack"))
                .window(Windows.tumbling(param("window")))
                .reduce(count().as("conns")).by(field("ip.dst").as("dst"))
                .filter(Exprs.parse("conns > threshold"))
                .build();
    }

    static QueryDefinition tcpRetransmission() {
        return Query.named("tcp_retransmission").param("threshold", 10).param("window", TEN_SECONDS)
                .packets()
                .filter(field("ip.proto").eq(6))
                .window(Windows.tumbling(param("window")))
                .reduce(countIf(field("tcp.analysis.retransmission")).as("retrans"))
                .by(field("ip.src").as("src"), field("l4.sport").as("sport"), field("ip.dst").as("dst"),
                        field("l4.dport").as("dport"))
                .filter(field("retrans").gt(param("threshold")))
                .leftJoin("tcp_rtt").using("src", "sport", "dst", "dport")
                .map(field("src"), field("sport"), field("dst"), field("dport"), field("retrans"), field("rtt_avg_us"),
                        field("rtt_min_us"), field("rtt_max_us"),
                        call("coalesce", field("rtt_samples"), lit(0)).as("rtt_samples"))
                .build();
    }

    static QueryDefinition tcpRtt() {
        Expression rtt = field("tcp.rtt");
        return Query.named("tcp_rtt").param("window", TEN_SECONDS)
                .packets()
                .filter(rtt.isPresent())
                .window(Windows.tumbling(param("window")))
                .reduce(avg(rtt).as("rtt_avg_us"), min(rtt).as("rtt_min_us"), max(rtt).as("rtt_max_us"),
                        count().as("rtt_samples"))
                .by(field("ip.dst").as("src"), field("l4.dport").as("sport"), field("ip.src").as("dst"),
                        field("l4.sport").as("dport"))
                .build();
    }
}
