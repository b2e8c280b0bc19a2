package org.intstream.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.intstream.controller.agent.AgentLink;
import org.intstream.controller.agent.AgentRefusedException;
import org.intstream.controller.merge.Acceptance;
import org.intstream.controller.merge.PartialReport;
import org.intstream.controller.query.DeployedQuery;
import org.intstream.query.type.IpAddress;
import org.intstream.query.partition.PlanSplitter;
import org.junit.jupiter.api.Test;

class ControllerCoreTest {
    private static final long T0 = 1_795_381_580_000_000L;
    /** A replay a minute after the trace. */
    private long now = T0 / 1000 + 60_000;
    private final ControllerCore core = new ControllerCore(
            ControllerSettings.defaults().withToken("s3cret").withGraceMillis(500)
                    .withSides(PlanSplitter.Sides.SENDER), () -> now);

    /** Records what the core pushes to one agent. */
    private static final class RecordingLink implements AgentLink {
        final List<String> pushed = new ArrayList<>();

        @Override
        public void install(DeployedQuery q) {
            pushed.add("install " + q.name() + " v" + q.version());
        }

        @Override
        public void remove(String query) {
            pushed.add("remove " + query);
        }
    }

    private static String shipped(String name) throws IOException {
        return Files.readString(Path.of("..", "queries", name + ".isq"));
    }

    @Test
    void agentConnectedChecksTheTokenAndReceivesTheRunningQueries() throws IOException {
        core.queries().submit(shipped("ddos"), Map.of());
        RecordingLink link = new RecordingLink();
        assertThatThrownBy(() -> core.agentConnected("a", "wrong", "h1", link))
                .isInstanceOf(AgentRefusedException.class).hasMessage("agent a: wrong token");
        assertThatThrownBy(() -> core.agentConnected(" ", "s3cret", "h1", link))
                .isInstanceOf(AgentRefusedException.class).hasMessage("hello without an agent id");
        assertThat(link.pushed).isEmpty();
        core.agentConnected("a", "s3cret", "h1", link);
        assertThat(link.pushed).containsExactly("install ddos v1");

        core.queries().submit(shipped("port_scan"), Map.of());
        core.queries().remove("ddos");
        assertThat(link.pushed).containsExactly("install ddos v1", "install port_scan v2", "remove ddos");
    }

    @Test
    void partialsAreMergedPublishedAndKept() throws IOException {
        core.queries().submit(shipped("tcp_new_conn"), Map.of("threshold", "1"));
        RecordingLink a = new RecordingLink();
        RecordingLink b = new RecordingLink();
        core.agentConnected("a", "s3cret", "h1", a);
        core.agentConnected("b", "s3cret", "h2", b);
        IpAddress dst = IpAddress.parse("10.0.0.9");
        PartialReport fromA = new PartialReport("a", "tcp_new_conn", 1, 1, T0, T0 + 5_000_000, List.<Object[]>of(
                new Object[] {dst, 1L}), true, 1, 60, 0, false, List.of());
        assertThat(core.onPartial(fromA)).isEqualTo(Acceptance.ACCEPTED);
        core.agentDisconnected("b", b);
        core.tick();
        assertThat(core.results().windows("tcp_new_conn")).as("b may still resend").isEmpty();
        now += 500;
        core.tick();
        assertThat(core.results().windows("tcp_new_conn")).hasSize(1);
        assertThat(core.results().windows("tcp_new_conn").get(0).coverage()).isEqualTo("1/2");
        assertThat(core.results().windows("tcp_new_conn").get(0).rows()).isEmpty();
        assertThat(core.counters().get("tcp_new_conn").snapshot()).containsEntry("windows_partial", 1L);

        assertThat(core.onPartial(new PartialReport("a", "nope", 1, 2, T0, T0 + 1, List.of(), true, 0, 0, 0, false,
                List.of()))).isEqualTo(Acceptance.UNKNOWN_QUERY);
        core.queries().remove("tcp_new_conn");
        assertThat(core.results().windows("tcp_new_conn")).isEmpty();
        assertThat(core.counters()).isEmpty();
    }
}
