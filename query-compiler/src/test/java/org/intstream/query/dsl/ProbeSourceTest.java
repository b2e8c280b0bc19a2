package org.intstream.query.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.intstream.query.ParameterBinder;
import org.intstream.query.QueryDefinition;
import org.intstream.query.QueryException;
import org.intstream.query.check.PlanChecker;
import org.intstream.query.expr.Literal;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.query.partition.DistributedPlan;
import org.intstream.query.partition.ObservationPoint;
import org.intstream.query.partition.PlanSplitter;
import org.intstream.query.plan.LogicalPlan;
import org.intstream.query.plan.PlanKinds;
import org.intstream.query.plan.ProbeColumns;
import org.intstream.query.plan.ProbeSpec;
import org.intstream.query.plan.ScanNode;
import org.intstream.query.plan.Schema;
import org.intstream.query.type.IpAddress;
import org.intstream.query.type.IpPrefix;
import org.intstream.query.type.Type;
import org.junit.jupiter.api.Test;

/**
 * The {@code probe} source: how it reads, prints back, types, binds its parameters and splits for the agents.
 * In error texts, '»' marks where the error must point.
 */
class ProbeSourceTest {
    private static final String SLOW_PATHS = "query slow_paths(window = 10s, limit = 5ms)\n"
            + "  probe rtt tcp to 10.0.0.0/29:22 every 1s\n"
            + "  | window tumbling window\n"
            + "  | reduce avg(probe.rtt_us) as rtt, count() as samples by probe.target as target\n"
            + "  | filter rtt > micros(limit)";

    private static ProbeSpec spec(QueryDefinition q) {
        for (LogicalPlan node : PlanKinds.postOrder(q.plan())) {
            if (node instanceof ScanNode && ((ScanNode) node).isProbe()) {
                return ((ScanNode) node).probe();
            }
        }
        throw new AssertionError("no probe in " + q.plan());
    }

    private static Map<String, Schema> check(QueryDefinition q) {
        return new PlanChecker(FunctionRegistry.builtins(), PlanChecker.NO_QUERIES).check(q);
    }

    private static String errorAt(String marked) {
        int at = marked.indexOf('»');
        String text = marked.substring(0, at) + marked.substring(at + 1);
        String before = text.substring(0, at);
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        int column = at - (before.lastIndexOf('\n') + 1) + 1;
        QueryException e = catchThrowableOfType(QueryException.class, () -> check(DslParser.parseQuery(text)));
        assertThat(e).as("an error for:\n" + text).isNotNull();
        assertThat(e.getMessage()).startsWith("line " + line + ", column " + column + ": ");
        return e.reason();
    }

    @Test
    void rttOverTcpReadsKindTargetsPortAndInterval() {
        ProbeSpec p = spec(DslParser.parseQuery("query q probe rtt tcp to 10.0.0.0/29:22, 10.0.1.5:80 every 1s"));
        assertThat(p.kind()).isEqualTo(ProbeSpec.Kind.RTT_TCP);
        assertThat(p.targets()).hasSize(2);
        assertThat(((Literal) p.targets().get(0).address()).value()).isEqualTo(IpPrefix.parse("10.0.0.0/29"));
        assertThat(((Literal) p.targets().get(0).port()).value()).isEqualTo(22L);
        assertThat(((Literal) p.targets().get(1).address()).value()).isEqualTo(IpAddress.parse("10.0.1.5"));
        assertThat(((Literal) p.every()).value()).isEqualTo(1_000_000L);
        assertThat(p.bytes()).isNull();
    }

    @Test
    void bandwidthTakesSizesInDecimalAndBinaryUnitsAndAHostName() {
        ProbeSpec p = spec(DslParser.parseQuery("query q probe bandwidth to h2, 10.0.0.2:9001 every 30s bytes 1MB "
                + "timeout 5s"));
        assertThat(p.kind()).isEqualTo(ProbeSpec.Kind.BANDWIDTH);
        assertThat(p.targets().get(0).address()).isEqualTo(new Literal("h2", Type.STRING, null));
        assertThat(((Literal) p.bytes()).value()).isEqualTo(1_000_000L);
        assertThat(((Literal) p.timeout()).value()).isEqualTo(5_000_000L);
        ProbeSpec binary = spec(DslParser.parseQuery("query q probe bandwidth to h2 every 30s bytes 2MiB"));
        assertThat(((Literal) binary.bytes()).value()).isEqualTo(2L << 20);
    }

    @Test
    void keywordsOfTheProbeStayUsableAsNames() {
        // tcp.flags, icmp.type and a stream called probe read as before.
        QueryDefinition q = DslParser.parse("query probe packets | filter tcp.flags.syn and icmp.type is absent\n"
                + "query after probe | filter len > 0").get(1);
        assertThat(((ScanNode) PlanKinds.postOrder(q.plan()).get(0)).stream()).isEqualTo("probe");
        assertThat(((ScanNode) PlanKinds.postOrder(q.plan()).get(0)).isProbe()).isFalse();
    }

    @Test
    void printsBackToTheSamePlan() {
        QueryDefinition q = DslParser.parseQuery("query q(t = 10.0.0.9) probe rtt icmp to t, 10.0.0.0/30, "
                + "ip(\"fd77::1\"), \"h3\" every 500ms timeout 200ms | filter probe.lost");
        QueryDefinition again = DslParser.parseQuery(DslPrinter.print(q));
        assertThat(again.plan()).isEqualTo(q.plan());
        assertThat(spec(q).text()).isEqualTo("probe rtt icmp to t, 10.0.0.0/30, ip(\"fd77::1\"), \"h3\" every 500ms "
                + "timeout 200ms");
    }

    @Test
    void rowsHaveTheProbeColumnsAndAggregateLikeAnyStream() {
        Schema out = check(DslParser.parseQuery(SLOW_PATHS)).get("slow_paths");
        assertThat(out.toString()).isEqualTo("[target ip, rtt float, samples int]");
        assertThat(ProbeColumns.schema().names()).containsExactly("ts", "probe.kind", "probe.origin", "probe.target",
                "probe.port", "probe.rtt_us", "probe.bandwidth_bps", "probe.bytes", "probe.lost", "probe.error");
    }

    @Test
    void parametersBindIntoTheProbe() {
        QueryDefinition q = DslParser.parseQuery("query q(dst = 10.0.0.2, port = 22, interval = 1s) "
                + "probe rtt tcp to dst:port every interval");
        check(q);
        LogicalPlan bound = ParameterBinder.bind(q, Map.of("port", "443", "interval", "250ms"));
        ScanNode scan = (ScanNode) PlanKinds.postOrder(bound).get(0);
        assertThat(scan.stream()).isEqualTo("probe rtt tcp to 10.0.0.2:443 every 250ms");
    }

    @Test
    void splitsIntoPartialsAtEveryAgentMergedAtTheController() {
        QueryDefinition q = DslParser.parseQuery(SLOW_PATHS);
        DistributedPlan plan = PlanSplitter.split(q.name(), ParameterBinder.bind(q, Map.of()), PlanSplitter.Sides.BY_KEY);
        assertThat(plan.mode()).isEqualTo(DistributedPlan.Mode.MERGE);
        assertThat(plan.point()).isEqualTo(ObservationPoint.PACKET_AT_SENDER);
        assertThat(plan.local().toString()).contains("Scan(probe rtt tcp to 10.0.0.0/29:22 every 1s)")
                .contains("rtt__sum").contains("rtt__count");
        assertThat(plan.global().toString()).contains("Scan(slow_paths.partials)").doesNotContain("probe rtt");
    }

    @Test
    void percentileOverManyAgentsRunsCentrallyOverTheForwardedProbeRows() {
        QueryDefinition q = DslParser.parseQuery("query q probe rtt icmp to 10.0.0.2 every 1s | window tumbling 10s "
                + "| reduce percentile(probe.rtt_us, 99) as p99 by probe.target");
        DistributedPlan plan = PlanSplitter.split(q.name(), ParameterBinder.bind(q, Map.of()));
        assertThat(plan.mode()).isEqualTo(DistributedPlan.Mode.CENTRAL);
        assertThat(plan.local().toString()).contains("Scan(probe rtt icmp to 10.0.0.2 every 1s)");
    }

    @Test
    void errorsNameThePlaceAndTheCause() {
        assertThat(errorAt("query q probe rtt tcp to »10.0.0.2 every 1s"))
                .isEqualTo("probe rtt tcp needs a port: '10.0.0.2:22'");
        assertThat(errorAt("query q probe rtt icmp to 10.0.0.2:»22 every 1s"))
                .isEqualTo("ICMP has no ports: write '10.0.0.2' without ':22'");
        assertThat(errorAt("query q probe rtt tcp to 10.0.0.2:»70000 every 1s"))
                .isEqualTo("a port lies in 1..65535, not 70000");
        assertThat(errorAt("query q probe rtt tcp to 10.0.0.2:22 every »5"))
                .isEqualTo("a probe interval ('every') must be duration, not int");
        assertThat(errorAt("query q probe rtt tcp to 10.0.0.2:22 every »1ms"))
                .isEqualTo("probes go at most every 10ms, not every 1ms");
        assertThat(errorAt("query q probe rtt icmp to »10.0.0.0/16 every 1s"))
                .isEqualTo("a probe covers at most 256 addresses, and 10.0.0.0/16 has 2^16; probe a longer prefix");
        assertThat(errorAt("query q probe rtt icmp to »true every 1s"))
                .isEqualTo("a probe target must be ip or prefix or string, not bool");
        assertThat(errorAt("query q probe rtt icmp to 10.0.0.2 every 1s bytes »1MB"))
                .isEqualTo("'bytes' sets what a bandwidth probe sends; probe rtt icmp sends no data");
        assertThat(errorAt("query q probe bandwidth to 10.0.0.2 every 1s bytes »1KB"))
                .isEqualTo("a bandwidth probe sends at least 64KiB, not 1000 bytes");
        assertThat(errorAt("query q probe rtt icmp to 10.0.0.2 every 1s | filter »len > 0"))
                .startsWith("'len' is a packet field, but here the columns are [ts, probe.kind");
    }

    @Test
    void syntaxErrorsNameWhatWouldFit() {
        // 'probe' alone is a stream's name (a query may be called probe), so a wrong kind ends the source.
        assertThat(DslErrorTest.errorAt("query q probe »ping to 10.0.0.2 every 1s"))
                .startsWith("unexpected 'ping' after a complete query");
        assertThat(DslErrorTest.errorAt("query q probe rtt »udp to 10.0.0.2 every 1s"))
                .isEqualTo("unexpected 'udp' (did you mean 'tcp'?); expected one of: tcp, icmp");
        assertThat(DslErrorTest.errorAt("query q probe rtt tcp to 10.0.0.2:22 »| filter probe.lost"))
                .isEqualTo("unexpected '|'; expected one of: ',', every");
        assertThat(DslErrorTest.errorAt("query q probe bandwidth to 10.0.0.2 every 1s bytes »"))
                .startsWith("unexpected end of text; expected an expression");
    }

    @Test
    void aWholeProbeListIsAStreamNotARelation() {
        QueryDefinition q = DslParser.parseQuery("query q probe rtt icmp to 10.0.0.2 every 1s | filter probe.lost");
        assertThat(PlanKinds.isRelation(q.plan())).isFalse();
        assertThat(check(q).get("q")).isEqualTo(ProbeColumns.schema());
        assertThat(List.of(ProbeSpec.Kind.values())).extracting(ProbeSpec.Kind::column)
                .containsExactly("tcp", "icmp", "bandwidth");
    }
}
