package org.intstream.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.intstream.tests.TraceRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code intstream run --iface} on a veth pair whose far end lives in a network namespace the test makes:
 * pings sent from the namespace are counted live, window by window. Needs root (skipped otherwise).
 */
class LiveCaptureCommandTest {
    private final String suffix = Long.toString(ProcessHandle.current().pid() % 100000, 36);
    private final String ns = "is-cli-" + suffix;
    private final String local = "iscli" + suffix;
    private final String remote = "iscli" + suffix + "p";

    static int sh(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    @BeforeEach
    void network() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "live capture needs root");
        assumeTrue(sh("ip", "netns", "add", ns) == 0, "ip netns is not available here");
        assertThat(sh("ip", "link", "add", local, "type", "veth", "peer", "name", remote)).isZero();
        assertThat(sh("ip", "link", "set", remote, "netns", ns)).isZero();
        assertThat(sh("ip", "addr", "add", "10.79.0.1/24", "dev", local)).isZero();
        assertThat(sh("ip", "link", "set", local, "up")).isZero();
        assertThat(sh("ip", "-n", ns, "addr", "add", "10.79.0.2/24", "dev", remote)).isZero();
        assertThat(sh("ip", "-n", ns, "link", "set", remote, "up")).isZero();
        sh("sysctl", "-q", "-w", "net.ipv6.conf." + local + ".disable_ipv6=1");
    }

    @AfterEach
    void cleanUp() throws Exception {
        sh("ip", "link", "del", local);
        sh("ip", "netns", "del", ns);
    }

    @Test
    void countsPingsAsTheyArrive() throws Exception {
        List<String> cmd = new ArrayList<>(List.of("java", "-jar",
                TraceRun.ROOT.resolve("standalone/target/intstream.jar").toString(), "run", "--iface", local,
                "--filter", "icmp", "--duration", "7s", "--format", "jsonl", "--query",
                "query pings packets | filter icmp.type == 8 | window tumbling 1s | reduce count() as n by ip.src as src"));
        Process capture = new ProcessBuilder(cmd).start();
        // wait until the capture is open
        java.io.BufferedReader err = new java.io.BufferedReader(
                new java.io.InputStreamReader(capture.getErrorStream(), StandardCharsets.UTF_8));
        assertThat(err.readLine()).startsWith("capturing on " + local);
        assertThat(sh("ip", "netns", "exec", ns, "ping", "-c", "10", "-i", "0.2", "-W", "1", "10.79.0.1")).isZero();
        String out = new String(capture.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(capture.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(capture.exitValue()).isZero();
        long pings = 0;
        ObjectMapper json = new ObjectMapper();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = json.readTree(line);
            assertThat(row.get("src").asText()).isEqualTo("10.79.0.2");
            assertThat(row.get("window_end").asLong() - row.get("window_start").asLong()).isEqualTo(1000);
            pings += row.get("n").asLong();
        }
        assertThat(pings).isEqualTo(10);
    }
}
