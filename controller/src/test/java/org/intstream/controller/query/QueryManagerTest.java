package org.intstream.controller.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.intstream.query.QueryException;
import org.intstream.controller.store.SimpleQueryStore;
import org.intstream.query.partition.DistributedPlan;
import org.intstream.query.partition.ObservationPoint;
import org.intstream.query.partition.PlanSplitter;
import org.junit.jupiter.api.Test;

class QueryManagerTest {
    private final QueryManager manager = new QueryManager();
    private final List<String> events = new ArrayList<>();

    QueryManagerTest() {
        manager.addListener(new QueryListener() {
            @Override
            public void deployed(DeployedQuery q) {
                events.add("deployed " + q.name() + " v" + q.version());
            }

            @Override
            public void removed(DeployedQuery q) {
                events.add("removed " + q.name());
            }
        });
    }

    static String shipped(String name) throws IOException {
        return Files.readString(Path.of("..", "queries", name + ".isq"));
    }

    @Test
    void submit() throws IOException {
        DeployedQuery q = manager.submit(shipped("port_scan"), Map.of("threshold", "20", "window", "5s"));
        assertThat(q.name()).isEqualTo("port_scan");
        assertThat(q.plan().mode()).isEqualTo(DistributedPlan.Mode.POINT_LOCAL);
        assertThat(q.partialSchema().toString()).isEqualTo("[src ip, ports int]");
        assertThat(q.resultSchema().names()).containsExactly("src", "ports");
        assertThat(q.windowMicros()).isEqualTo(5_000_000L);
        assertThat(q.parameters()).containsEntry("threshold", "20");
        assertThat(events).containsExactly("deployed port_scan v1");

        DeployedQuery perDestination = manager.submit(shipped("tcp_new_conn"), Map.of());
        assertThat(perDestination.sides()).isEqualTo(PlanSplitter.Sides.BY_KEY);
        assertThat(perDestination.plan().point()).isEqualTo(ObservationPoint.PACKET_AT_RECEIVER);
        assertThat(perDestination.plan().mode()).isEqualTo(DistributedPlan.Mode.POINT_LOCAL);
        assertThat(perDestination.partialSchema().toString()).isEqualTo("[dst ip, conns int]");
        assertThat(perDestination.version()).isEqualTo(2);
    }

    @Test
    void submitSplitsForTheManagersSides() throws IOException {
        QueryManager sender = new QueryManager(new SimpleQueryStore(), PlanSplitter.Sides.SENDER);
        DeployedQuery merge = sender.submit(shipped("tcp_new_conn"), Map.of());
        assertThat(merge.sides()).isEqualTo(PlanSplitter.Sides.SENDER);
        assertThat(merge.plan().point()).isEqualTo(ObservationPoint.PACKET_AT_SENDER);
        assertThat(merge.plan().mode()).isEqualTo(DistributedPlan.Mode.MERGE);
        // A per-destination count that needs both directions stays a network-wide merge by key too.
        DeployedQuery synFlood = manager.submit(shipped("syn_flood"), Map.of());
        assertThat(synFlood.plan().point()).isEqualTo(ObservationPoint.CONNECTION_AT_CLIENT);
        assertThat(synFlood.plan().mode()).isEqualTo(DistributedPlan.Mode.MERGE);
    }

    @Test
    void submitRefusesWhatItCannotRun() throws IOException {
        manager.submit(shipped("ddos"), Map.of());
        assertThatThrownBy(() -> manager.submit(shipped("ddos"), Map.of())).isInstanceOf(QueryException.class)
                .hasMessageContaining("'ddos' is already running");
        // Timestamps collected per port, seen at many points, can't be merged exactly: it would run centrally.
        assertThatThrownBy(() -> manager.submit("query ports(window = 5s) packets | window tumbling window "
                + "| reduce collect(ts) as times by l4.dport as port", Map.of())).isInstanceOf(QueryException.class)
                .hasMessageContaining("can't be split").hasMessageContaining("can't be merged exactly");
        assertThatThrownBy(() -> manager.submit(shipped("port_scan") + "\n" + shipped("tcp_new_conn"), Map.of()))
                .hasMessageContaining("one query at a time, not 2");
        assertThatThrownBy(() -> manager.submit(shipped("port_scan"), Map.of("treshold", "3")))
                .isInstanceOf(QueryException.class).hasMessageContaining("treshold");
        assertThatThrownBy(() -> manager.submit("query x packets | filter nope > 1 | window tumbling 1s "
                + "| reduce count() as n", Map.of())).isInstanceOf(QueryException.class).hasMessageContaining("nope");
        assertThat(manager.list()).extracting(DeployedQuery::name).containsExactly("ddos");
    }

    @Test
    void aQueryJoiningARunningOneRunsTheJoinAtThePointsWithThatQuerysText() throws IOException {
        assertThatThrownBy(() -> manager.submit(shipped("tcp_retransmission"), Map.of()))
                .isInstanceOf(QueryException.class).hasMessageContaining("reads the output of 'tcp_rtt' at the controller");
        manager.submit(shipped("tcp_rtt"), Map.of());
        DeployedQuery retransmission = manager.submit(shipped("tcp_retransmission"), Map.of("threshold", "3"));
        assertThat(retransmission.plan().localReads()).containsExactly("tcp_rtt");
        assertThat(retransmission.text()).startsWith(shipped("tcp_rtt").strip()).endsWith(shipped("tcp_retransmission"));
        assertThat(retransmission.plan().local().toString()).contains("Join(left using src, sport, dst, dport)")
                .contains("Filter(retrans > 3)");
    }

    @Test
    void removeAndList() throws IOException {
        manager.submit(shipped("port_scan"), Map.of());
        manager.submit(shipped("ddos"), Map.of());
        assertThat(manager.list()).extracting(DeployedQuery::name).containsExactly("port_scan", "ddos");
        assertThat(manager.remove("port_scan").name()).isEqualTo("port_scan");
        assertThat(manager.remove("port_scan")).isNull();
        assertThat(manager.list()).extracting(DeployedQuery::name).containsExactly("ddos");
        DeployedQuery again = manager.submit(shipped("port_scan"), Map.of());
        assertThat(again.version()).as("a resubmission is a new version").isEqualTo(3);
        assertThat(events).containsExactly("deployed port_scan v1", "deployed ddos v2", "removed port_scan",
                "deployed port_scan v3");
    }
}
