package org.intstream.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.intstream.agent.stream.HostAddresses;
import org.intstream.agent.stream.StreamerConfig;
import org.intstream.query.type.IpAddress;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The options that connect an agent to its controller. */
class AgentCommandStreamOptionsTest {
    private static final String TRACE = Path.of("..", "tests", "src", "test", "resources", "traces",
            "nmap-syn-fast.pcap").toString();

    private static AgentCommand parse(String... args) {
        AgentCommand c = new AgentCommand();
        new CommandLine(c).parseArgs(args);
        return c;
    }

    @Test
    void traceReplayTowardAController() {
        StreamerConfig c = parse("--trace", TRACE, "--controller", "[::1]:7070", "--token", "t", "--agent-id", "h1")
                .streamerConfig();
        assertThat(c.host()).isEqualTo("::1");
        assertThat(c.port()).isEqualTo(7070);
        assertThat(c.agentId()).isEqualTo("h1");
        assertThat(c.token()).isEqualTo("t");
        assertThat(c.point()).endsWith("/nmap-syn-fast.pcap");
        assertThat(c.observedFrom()).as("a replay observes its trace from the start").isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void liveCaptureWithoutAControllerKeepsTheHttpApiOnly() {
        assertThat(parse("--iface", "eth0").streamerConfig()).isNull();
        assertThat(parse("--iface", "eth0", "--controller", "10.0.0.1:7070").streamerConfig().observedFrom())
                .as("a live agent sees nothing before it started").isPositive();
    }

    @Test
    void badCombinationsAreRefusedByName() {
        assertThatThrownBy(() -> parse().streamerConfig()).hasMessageContaining("--iface").hasMessageContaining("--trace");
        assertThatThrownBy(() -> parse("--trace", TRACE).streamerConfig()).hasMessage("--trace needs --controller or --parent");
        assertThatThrownBy(() -> parse("--iface", "eth0", "--trace", TRACE).streamerConfig())
                .hasMessage("--iface and --trace exclude each other");
        assertThatThrownBy(() -> parse("--iface", "eth0", "--controller", "nohost").streamerConfig())
                .hasMessage("--controller wants HOST:PORT, got 'nohost'");
        assertThatThrownBy(() -> parse("--iface", "eth0", "--controller", "h:99999").streamerConfig())
                .hasMessage("the controller's port must be 1 to 65535, got 99999");
        assertThatThrownBy(() -> parse("--trace", "/nonexistent.pcap", "--controller", "h:1").streamerConfig())
                .hasMessage("--trace: can't read /nonexistent.pcap");
    }

    @Test
    void aChildDialsItsParentAndAParentServesItsChildren() {
        AgentCommand child = parse("--iface", "eth0", "--controller", "10.0.0.1:7070", "--parent", "10.0.0.2:7071",
                "--agent-id", "h3");
        StreamerConfig up = child.streamerConfig();
        assertThat(up.host()).isEqualTo("10.0.0.2");
        assertThat(up.port()).isEqualTo(7071);
        assertThat(child.treeConfig(up).isLeaf()).as("no --tree-port: a leaf").isTrue();
        assertThat(child.treeConfig(up).agentId()).isEqualTo("h3");

        AgentCommand root = parse("--iface", "eth0", "--controller", "10.0.0.1:7070", "--tree-port", "7071",
                "--agent-id", "h2", "--token", "t", "--tree-grace-ms", "700");
        org.intstream.agent.tree.TreeConfig tree = root.treeConfig(root.streamerConfig());
        assertThat(tree.port()).isEqualTo(7071);
        assertThat(tree.token()).isEqualTo("t");
        assertThat(tree.graceMillis()).isEqualTo(700);
        assertThat(parse("--iface", "eth0").treeConfig(null)).as("neither: no tree").isNull();
    }

    @Test
    void badTreeAndTlsOptionsAreRefusedByName() {
        assertThatThrownBy(() -> parse("--iface", "eth0", "--parent", "nohost").streamerConfig())
                .hasMessage("--parent wants HOST:PORT, got 'nohost'");
        assertThatThrownBy(() -> parse("--iface", "eth0", "--tls-ca", "ca.pem").streamerConfig())
                .hasMessage("--tls-ca is for dialing --controller or --parent");
        assertThatThrownBy(() -> parse("--iface", "eth0", "--controller", "h:1", "--tls-ca", "/nonexistent.pem")
                .streamerConfig()).hasMessage("--tls-ca: can't read /nonexistent.pem");
        assertThatThrownBy(() -> parse("--iface", "eth0", "--tls-cert", "c.pem").treeConfig(null))
                .hasMessage("--tls-cert and --tls-key are for serving children on --tree-port");
        assertThatThrownBy(() -> parse("--iface", "eth0", "--tree-port", "7071", "--tls-cert", "c.pem").treeConfig(null))
                .hasMessageStartingWith("--tls-cert and --tls-key go together");
    }

    @Test
    void aReplaysHostAddressesTellItsOutgoingFromItsIncomingPackets() {
        HostAddresses host = parse("--trace", TRACE, "--controller", "h:1", "--host-address", "10.0.0.1",
                "--host-address", "fd00::1").hostAddresses();
        assertThat(host.contains(IpAddress.parse("10.0.0.1"))).isTrue();
        assertThat(host.contains(IpAddress.parse("fd00::1"))).isTrue();
        assertThat(host.contains(IpAddress.parse("10.0.0.2"))).isFalse();
        assertThat(parse("--trace", TRACE, "--controller", "h:1").hostAddresses()).isSameAs(HostAddresses.EVERY);
        assertThatThrownBy(() -> parse("--trace", TRACE, "--controller", "h:1", "--host-address", "10.0.0")
                .hostAddresses()).hasMessage("--host-address: '10.0.0' is not an IPv4 or IPv6 address");
        assertThatThrownBy(() -> parse("--iface", "eth0", "--controller", "h:1", "--host-address", "10.0.0.1")
                .streamerConfig()).hasMessageContaining("--host-address is for --trace");
    }
}
