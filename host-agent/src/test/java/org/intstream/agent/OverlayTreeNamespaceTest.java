package org.intstream.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.intstream.agent.testing.Commands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed's flow-size-distribution client (src/test/clients, Python 3's print only) asks the root of an overlay
 * tree of agents capturing live in network namespaces: h2 is the root, h3 and h5 its children, h6 a child of h5
 * (two levels). Real traffic crosses the lab (pings between many pairs, an iperf3 transfer and curl requests,
 * which the client's icmp sketch must not count), and the client's answer for the whole tree must equal an
 * independent count: tshark over tcpdump captures of the four agents' interfaces, summing the IPv4 length of
 * every ICMP packet each agent host received, per (source, destination). Needs root, ip netns, python3-requests,
 * ping, iperf3, curl, tcpdump and tshark; skipped otherwise.
 */
class OverlayTreeNamespaceTest {
    private static final Path CLIENTS = Path.of("src", "test", "clients");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] AGENTS = {"h2", "h3", "h5", "h6"};
    private static final int TREE_PORT = 7071;

    private static AgentLab lab;
    private static final List<Process> captures = new ArrayList<>();

    @BeforeAll
    static void startTree() throws Exception {
        assumeTrue(AgentLab.available(), "namespace tests need root and ip netns");
        for (String tool : new String[] {"/usr/bin/python3", "/usr/bin/ping", "/usr/bin/iperf3", "/usr/bin/curl",
            "/usr/bin/tcpdump", "/usr/bin/tshark", "/usr/sbin/ethtool"}) {
            assumeTrue(Files.isExecutable(Path.of(tool)), tool + " is needed");
        }
        assumeTrue(Commands.run(10, "/usr/bin/python3", "-c", "import requests; print('ok')").contains("ok"),
                "python3-requests is needed");
        lab = AgentLab.create(6, "ovl");
        startAgent("h2", null, true);
        startAgent("h3", "10.0.0.2", false);
        startAgent("h5", "10.0.0.2", true);
        startAgent("h6", "10.0.0.5", false);
        lab.awaitLog("agent-h2", "child h3 joined", 40_000);
        lab.awaitLog("agent-h2", "child h5 joined", 40_000);
        lab.awaitLog("agent-h5", "child h6 joined", 40_000);
        for (String host : AGENTS) {
            lab.awaitLog("agent-" + host, "agent serving the measurement API", 40_000);
            // Every ICMP packet on the agent's interface, written as it comes (-U), for the oracle.
            captures.add(lab.start(host, "tcpdump-" + host, "tcpdump", "-i", "eth0", "-n", "-U", "-w",
                    capture(host).toString(), "icmp"));
            lab.awaitLog("tcpdump-" + host, "listening on eth0", 10_000);
        }
    }

    /** The agent's own entry point in its host's namespace; only h1 may use the API. */
    private static void startAgent(String host, String parent, boolean children) throws IOException {
        String address = "10.0.0." + host.substring(1);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx96m", "-XX:TieredStopAtLevel=1", "-cp", classPath(),
                AgentCommand.class.getName(), "--interface", "eth0", "--address", address, "--allow", "10.0.0.1/32",
                "--agent-id", host, "--token", "ovl"));
        if (parent != null) {
            command.addAll(List.of("--parent", parent + ":" + TREE_PORT));
        }
        if (children) {
            command.addAll(List.of("--tree-port", Integer.toString(TREE_PORT)));
        }
        lab.start(host, "agent-" + host, command.toArray(new String[0]));
    }

    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static Path capture(String host) {
        return lab.logs.resolve(host + ".pcap");
    }

    @AfterAll
    static void stopTree() {
        if (lab != null) {
            lab.close();
        }
    }

    private static void ping(String from, String to, int count) throws IOException {
        String out = lab.exec(from, "ping", "-c", Integer.toString(count), "-i", "0.2", "-W", "2", to);
        assertThat(out).as("ping from " + from).contains(count + " received");
    }

    /** Per "src,dst", the summed IPv4 length of the ICMP packets each agent host received, read by tshark. */
    private static Map<String, Long> tsharkCount() throws IOException {
        Map<String, Long> bytes = new TreeMap<>();
        for (String host : AGENTS) {
            String address = "10.0.0." + host.substring(1);
            String out = Commands.run(60, "tshark", "-n", "-r", capture(host).toString(), "-Y",
                    "icmp && ip.dst == " + address, "-T", "fields", "-e", "ip.src", "-e", "ip.dst", "-e", "ip.len");
            for (String line : out.split("\n")) {
                String[] f = line.strip().split("\t");
                if (f.length == 3) {
                    bytes.merge(f[0] + "," + f[1], Long.parseLong(f[2]), Long::sum);
                }
            }
        }
        return bytes;
    }

    @Test
    void theFlowSizeClientAtTheRootSeesTheWholeTreesTraffic() throws Exception {
        lab.start("h1", "flow_size_distrib", "/usr/bin/python3", "-u",
                CLIENTS.resolve("flow_size_distrib.py").toAbsolutePath().toString());
        lab.awaitLog("agent-h2", "counter src_dst by bytes configured", 15_000);
        for (String child : new String[] {"h3", "h5", "h6"}) {
            lab.awaitLog("agent-" + child, "counter src_dst by bytes configured by the parent", 15_000);
        }
        ping("h3", "10.0.0.2", 2);
        ping("h4", "10.0.0.2", 3);
        ping("h5", "10.0.0.2", 1);
        ping("h6", "10.0.0.5", 2);
        ping("h1", "10.0.0.6", 3);
        ping("h4", "10.0.0.3", 2);
        ping("h2", "10.0.0.6", 1);
        // TCP between the namespaces: an iperf3 transfer and API requests, not icmp, so not counted.
        lab.start("h6", "iperf3-server", "iperf3", "-s", "-1", "-p", "5201");
        Thread.sleep(500);
        lab.exec("h3", "iperf3", "-c", "10.0.0.6", "-p", "5201", "-t", "1");
        lab.exec("h1", "curl", "-s", "-m", "5", "-d", "type=delete sketch&sketch_id=99", "http://10.0.0.5:8000/");

        // Two prints after the traffic: the second's queries were surely sent after it.
        int seen = Files.readString(lab.log("flow_size_distrib")).length();
        String output = awaitPrints("flow_size_distrib", seen, 2, 20_000);
        for (Process p : captures) {
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        Map<String, Long> expected = tsharkCount();
        assertThat(expected).as("the oracle counts packets received at all four agents")
                .containsKeys("10.0.0.3,10.0.0.2", "10.0.0.2,10.0.0.3", "10.0.0.6,10.0.0.5", "10.0.0.1,10.0.0.6");
        assertThat(lastObject(output)).isEqualTo(expected);
        assertThat(output).contains("h6 hits h5: " + expected.get("10.0.0.6,10.0.0.5") + "times");
    }

    /** The client's log once it has printed {@code prints} more answers after {@code from} characters. */
    private static String awaitPrints(String name, int from, int prints, long millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        while (true) {
            String content = Files.readString(lab.log(name));
            String tail = content.substring(from);
            if (tail.split("times", -1).length - 1 >= prints) {
                return tail;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(prints + " answers not printed within " + millis + " ms:\n" + content);
            }
            Thread.sleep(100);
        }
    }

    /** The last JSON object the client printed (json.dumps with indent spans several lines). */
    private static Map<String, Long> lastObject(String output) throws IOException {
        Matcher m = Pattern.compile("\\{[^}]*\\}").matcher(output);
        String last = null;
        while (m.find()) {
            last = m.group();
        }
        assertThat(last).as("a JSON object in:\n" + output).isNotNull();
        return new TreeMap<>(JSON.readValue(last, new TypeReference<Map<String, Long>>() { }));
    }
}
