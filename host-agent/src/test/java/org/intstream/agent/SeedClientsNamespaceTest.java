package org.intstream.agent;

import org.intstream.agent.testing.Commands;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed's four example clients, rewritten only for Python 3's print (src/test/clients), run with
 * /usr/bin/python3 on h1 against agents that capture live on h2, h5 and h6 of an {@link AgentLab}, with
 * real traffic from ping, nc, iperf3 and curl inside the lab. Needs root, ip netns, python3-requests,
 * ping, nc (netcat-openbsd), iperf3 and curl; skipped otherwise.
 */
class SeedClientsNamespaceTest {
    private static final Path CLIENTS = Path.of("src", "test", "clients");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** ping's default: 56 data bytes + 8 of ICMP header + 20 of IPv4 header. */
    private static final long PING_IP_BYTES = 84;

    private static AgentLab lab;

    @BeforeAll
    static void startAgents() throws Exception {
        assumeTrue(AgentLab.available(), "namespace tests need root and ip netns");
        for (String tool : new String[] {"/usr/bin/python3", "/usr/bin/ping", "/usr/bin/nc", "/usr/bin/iperf3",
            "/usr/bin/curl", "/usr/sbin/ethtool"}) {
            assumeTrue(Files.isExecutable(Path.of(tool)), tool + " is needed");
        }
        assumeTrue(Commands.run(10, "/usr/bin/python3", "-c", "import requests; print('ok')").contains("ok"),
                "python3-requests is needed");
        lab = AgentLab.create(6);
        for (String host : new String[] {"h2", "h5", "h6"}) {
            startAgent(host);
        }
        for (String host : new String[] {"h2", "h5", "h6"}) {
            lab.awaitLog("agent-" + host, "agent serving the measurement API", 30_000);
        }
    }

    /** The agent's own entry point in its host's namespace; only h1, the controller, may use the API. */
    private static void startAgent(String host) throws IOException {
        String address = "10.0.0." + host.substring(1);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        lab.start(host, "agent-" + host, java, "-Xmx96m", "-XX:TieredStopAtLevel=1", "-cp", classPath(),
                AgentCommand.class.getName(), "--interface", "eth0", "--address", address,
                "--allow", "10.0.0.1/32", "--probe-allow", "10.0.0.0/24", "--probe-max-bytes", "67108864",
                "--probe-max-millis", "1000");
    }

    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    @AfterAll
    static void stopAgents() {
        if (lab != null) {
            lab.close();
        }
    }

    /** Starts a seed client on h1, unbuffered so its lines show as they are printed. */
    private static void startClient(String script) throws IOException {
        lab.start("h1", script, "/usr/bin/python3", "-u", CLIENTS.resolve(script + ".py").toAbsolutePath().toString());
    }

    private static void ping(String from, String to, int count) throws IOException {
        String out = lab.exec(from, "ping", "-c", Integer.toString(count), "-i", "0.2", "-W", "2", to);
        assertThat(out).as("ping from " + from).contains(count + " received");
    }

    /** The first JSON object the client printed (json.dumps with indent spans several lines). */
    private static Map<String, Long> firstObject(String output) throws IOException {
        int start = output.indexOf('{');
        int end = output.indexOf('}', start);
        assertThat(start).as("a JSON object in:\n" + output).isGreaterThanOrEqualTo(0);
        return JSON.readValue(output.substring(start, end + 1), new TypeReference<Map<String, Long>>() { });
    }

    @Test
    void heavyHitterClientSeesEachPingSource() throws Exception {
        startClient("heavy_hitter");
        lab.awaitLog("agent-h5", "counter src by pkt configured", 10_000);
        ping("h2", "10.0.0.5", 2);
        ping("h3", "10.0.0.5", 3);
        ping("h4", "10.0.0.5", 4);
        ping("h6", "10.0.0.5", 2);
        String output = lab.awaitLog("heavy_hitter", "times", 15_000);
        // Echo requests only: the sketch counts icmp on INPUT, and the replies leave h5.
        assertThat(firstObject(output)).containsExactlyInAnyOrderEntriesOf(
                Map.of("10.0.0.2", 2L, "10.0.0.3", 3L, "10.0.0.4", 4L, "10.0.0.6", 2L));
        assertThat(output).contains("h6 hits: 2times");
    }

    @Test
    void flowSizeClientSeesTheBytesOfEachPairAtItsAgent() throws Exception {
        startClient("flow_size_distrib");
        lab.awaitLog("agent-h2", "counter src_dst by bytes configured", 10_000);
        ping("h3", "10.0.0.2", 2);
        ping("h4", "10.0.0.2", 3);
        ping("h5", "10.0.0.2", 1);
        ping("h6", "10.0.0.5", 2); // not seen by h2's agent: the tree that would add h5's is not part of this
        String output = lab.awaitLog("flow_size_distrib", "times", 15_000);
        assertThat(firstObject(output)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "10.0.0.3,10.0.0.2", 2 * PING_IP_BYTES,
                "10.0.0.4,10.0.0.2", 3 * PING_IP_BYTES,
                "10.0.0.5,10.0.0.2", 1 * PING_IP_BYTES));
        assertThat(output).contains("h6 hits h5: 0times");
    }

    @Test
    void portscanClientDetectsAScanOf85PortsAndNamesTheScanner() throws Exception {
        startClient("portscan");
        lab.awaitLog("agent-h5", "counter dport by pkt configured", 10_000);
        Thread.sleep(700); // a couple of quiet polls first
        // The seed's scan: every port refused, one SYN each; nc exits 1 when no port was open.
        lab.exec("h6", "sh", "-c", "nc -z -w 1 10.0.0.5 8008-8092 || test $? -eq 1");
        String output = lab.awaitLog("portscan", "\"10.0.0.6\": 85", 10_000);
        assertThat(output).contains("portscan detected.");
        // Every report names the scanner only: h1's own API requests are not counted.
        for (Map<String, Long> report : objects(output)) {
            assertThat(report).containsOnlyKeys("10.0.0.6");
        }
    }

    private static List<Map<String, Long>> objects(String output) throws IOException {
        List<Map<String, Long>> all = new ArrayList<>();
        Matcher m = Pattern.compile("\\{[^}]*\\}").matcher(output);
        while (m.find()) {
            all.add(JSON.readValue(m.group(), new TypeReference<Map<String, Long>>() { }));
        }
        return all;
    }

    @Test
    void bandwidthClientGetsAFigureNearIperf3s() throws Exception {
        startClient("query_bw");
        String output = lab.awaitLog("query_bw", "MBytes/s", 20_000);
        Matcher m = Pattern.compile("^([0-9]+\\.[0-9]+) MBytes/s$", Pattern.MULTILINE).matcher(output);
        assertThat(m.find()).as("a figure in:\n" + output).isTrue();
        double probe = Double.parseDouble(m.group(1));

        lab.start("h6", "iperf3-server", "iperf3", "-s", "-1", "-p", "5201");
        Thread.sleep(500);
        String report = lab.exec("h5", "iperf3", "-c", "10.0.0.6", "-p", "5201", "-t", "1", "-J");
        double iperf = JSON.readTree(report).at("/end/sum_received/bits_per_second").asDouble() / 8 / 1e6;
        assertThat(iperf).as("iperf3's MBytes/s").isPositive();
        // Same path, same offload settings, one TCP stream each: the two should be of one magnitude.
        assertThat(probe).as("probe " + probe + " vs iperf3 " + iperf + " MBytes/s").isBetween(iperf / 5, iperf * 5);
    }

    @Test
    void clientsOutsideTheAllowListAreRefused() throws Exception {
        String status = lab.exec("h3", "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-m", "5",
                "-d", "type=query bw&src=10.0.0.5&dst=10.0.0.6", "http://10.0.0.5:8000/");
        assertThat(status).isEqualTo("403");
        String body = lab.exec("h1", "curl", "-s", "-m", "5", "-w", " %{http_code}", "-d", "type=query%20nothing",
                "http://10.0.0.5:8000/");
        assertThat(body).startsWith("field 'type': unknown message type 'query nothing'").endsWith(" 400");
    }

}
