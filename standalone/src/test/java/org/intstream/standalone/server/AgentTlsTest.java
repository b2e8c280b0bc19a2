package org.intstream.standalone.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.intstream.agent.stream.AgentStreamer;
import org.intstream.agent.stream.HostAddresses;
import org.intstream.agent.stream.StreamTls;
import org.intstream.agent.stream.StreamerConfig;
import org.intstream.agent.stream.TraceStreaming;
import org.intstream.agent.tree.TreeConfig;
import org.intstream.agent.tree.TreeNode;
import org.intstream.controller.merge.MergedWindow;
import org.intstream.controller.runtime.ControllerSettings;
import org.intstream.controller.store.SimpleQueryStore;
import org.intstream.standalone.IntStreamCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The agents' stream over TLS, with certificates made for the test by openssl (a CA, a server certificate it
 * signs for 127.0.0.1, and an unrelated CA): a TLS agent's windows reach the controller, directly and through a
 * TLS overlay-tree parent; a plain agent against the TLS port and an agent trusting the wrong CA fail, each with
 * a line that says why.
 */
class AgentTlsTest {
    private static final Path TRACE = Path.of("..", "tests", "src", "test", "resources", "traces", "nmap-syn-fast.pcap");

    @TempDir
    static Path pki;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private ControllerServer server;
    private final List<AutoCloseable> running = new java.util.ArrayList<>();

    @BeforeAll
    static void makeCertificates() throws Exception {
        Files.writeString(pki.resolve("san.cnf"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                "-subj", "/CN=IntStream test CA");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                "-subj", "/CN=127.0.0.1");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.pem", "-days", "2", "-extfile", "san.cnf");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other.key", "-out", "other-ca.pem",
                "-days", "2", "-subj", "/CN=Some other CA");
    }

    private static void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(pki.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("openssl " + String.join(" ", args) + ":\n" + out).isZero();
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void startTlsController() throws IOException {
        server = ControllerServer.start(ControllerSettings.defaults().withToken("tk").withGraceMillis(60_000),
                new SimpleQueryStore(), InetAddress.getLoopbackAddress(), 0, InetAddress.getLoopbackAddress(), 0, 50,
                log::add, StreamTls.server(pki.resolve("server.pem"), pki.resolve("server.key")));
    }

    private AgentStreamer agent(String id, int port, Path ca, org.intstream.agent.stream.StreamRelay relay) {
        StreamerConfig config = new StreamerConfig("127.0.0.1", port, id, "tk", id, Long.MIN_VALUE, 20, 200)
                .withTlsCa(ca);
        AgentStreamer a = AgentStreamer.start(config, HostAddresses.EVERY, () -> 0, log::add, relay);
        running.add(a);
        return a;
    }

    private void submitPortScan() throws Exception {
        new ControllerClient("http://127.0.0.1:" + server.httpPort()).submit(
                Files.readString(Path.of("..", "queries", "port_scan.isq")), Map.of("threshold", "20"));
    }

    @Test
    void aTlsAgentsWindowsReachTheControllerDirectlyAndThroughATlsParent() throws Exception {
        startTlsController();
        submitPortScan();
        TreeNode parent = TreeNode.start(TreeConfig.plain("parent", "tk", InetAddress.getLoopbackAddress(), 0)
                .withTls(pki.resolve("server.pem"), pki.resolve("server.key")), log::add);
        running.add(parent);
        AgentStreamer up = agent("parent", server.agentPort(), pki.resolve("ca.pem"), parent);
        parent.attach(up);
        TreeNode leaf = TreeNode.start(TreeConfig.leaf("child"), log::add);
        running.add(leaf);
        AgentStreamer child = agent("child", parent.port(), pki.resolve("ca.pem"), leaf);
        leaf.attach(child);
        assertThat(up.awaitReady(10_000)).as("the parent joined over TLS: " + log).isTrue();
        assertThat(child.awaitReady(10_000)).as("the child joined its parent over TLS: " + log).isTrue();

        // The child replays the scan; the parent sees nothing of it, and its clock follows.
        long frames = TraceStreaming.replay(TRACE, child);
        assertThat(frames).isPositive();
        up.advanceTime(Long.MAX_VALUE / 2);
        up.finish();
        assertThat(child.awaitAllAcked(20_000)).isTrue();
        List<MergedWindow> windows = server.core().results().windows("port_scan");
        assertThat(windows).isNotEmpty();
        assertThat(windows).anyMatch(w -> !w.rows().isEmpty());
        assertThat(server.core().agents().links()).hasSize(1);
    }

    @Test
    void aPlainAgentAgainstTheTlsPortNeverJoinsAndIsToldToGiveTheCa() throws Exception {
        startTlsController();
        submitPortScan();
        AgentStreamer plain = agent("plain", server.agentPort(), null, null);
        assertThat(plain.awaitReady(2_000)).isFalse();
        assertThat(server.core().agents().links()).isEmpty();
        assertThat(log).anyMatch(l -> l.startsWith("connection to the controller lost: UNAVAILABLE")
                && l.endsWith("if 127.0.0.1:" + server.agentPort() + " serves TLS, give --tls-ca"));
    }

    @Test
    void anAgentTrustingAnotherCaStopsWithTheReason() throws Exception {
        startTlsController();
        AgentStreamer wrong = agent("wrong", server.agentPort(), pki.resolve("other-ca.pem"), null);
        assertThat(wrong.awaitReady(10_000)).isFalse();
        assertThat(wrong.failure()).startsWith("TLS with 127.0.0.1:" + server.agentPort() + " failed: ")
                .contains("its certificate is not trusted (").contains("is " + pki.resolve("other-ca.pem") + " the CA that signed it");
        assertThat(server.core().agents().links()).isEmpty();
    }

    @Test
    void aTlsAgentAgainstAPlainControllerStopsWithTheReason() throws Exception {
        server = ControllerServer.start(ControllerSettings.defaults().withToken("tk"), InetAddress.getLoopbackAddress(),
                0, InetAddress.getLoopbackAddress(), 0, 50, log::add);
        AgentStreamer tls = agent("tls", server.agentPort(), pki.resolve("ca.pem"), null);
        assertThat(tls.awaitReady(10_000)).isFalse();
        assertThat(tls.failure()).startsWith("TLS with 127.0.0.1:" + server.agentPort() + " failed: ")
                .contains("it does not answer in TLS (not an SSL/TLS record); does it serve TLS?");
    }

    @Test
    void badTlsFilesAreNamed() {
        assertThatThrownBy(() -> StreamTls.client(pki.resolve("missing.pem")))
                .hasMessage("--tls-ca: can't read " + pki.resolve("missing.pem"));
        assertThatThrownBy(() -> StreamTls.server(pki.resolve("server.pem"), pki.resolve("nokey.pem")))
                .hasMessage("--tls-key: can't read " + pki.resolve("nokey.pem"));
        assertThatThrownBy(() -> ControllerServer.start(ControllerSettings.defaults(), new SimpleQueryStore(),
                InetAddress.getLoopbackAddress(), 0, InetAddress.getLoopbackAddress(), 0, 50, log::add,
                StreamTls.server(pki.resolve("san.cnf"), pki.resolve("server.key"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--tls-cert/--tls-key: ");
        String[] controller = run("controller", "--tls-cert", pki.resolve("server.pem").toString(), "--port", "0",
                "--http-port", "0");
        assertThat(controller[0]).isNotEqualTo("0");
        assertThat(controller[2]).contains("--tls-cert and --tls-key go together");
    }

    /** {@code intstream agent --trace … --tls-ca}: the command replays over TLS and exits once all is taken. */
    @Test
    void theAgentCommandReplaysOverTls() throws Exception {
        startTlsController();
        submitPortScan();
        String[] agent = run("agent", "--trace", TRACE.toString(), "--controller", "127.0.0.1:" + server.agentPort(),
                "--token", "tk", "--agent-id", "cli", "--tls-ca", pki.resolve("ca.pem").toString());
        assertThat(agent[0]).as(agent[2]).isEqualTo("0");
        assertThat(server.core().results().windows("port_scan")).anyMatch(w -> !w.rows().isEmpty());
    }

    private static String[] run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            CommandLine cl = IntStreamCommand.commandLine();
            cl.setErr(new PrintWriter(err, true));
            code = cl.execute(args);
        } finally {
            System.setOut(old);
        }
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString()};
    }
}
