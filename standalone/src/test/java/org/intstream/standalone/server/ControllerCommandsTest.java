package org.intstream.standalone.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.intstream.controller.runtime.ControllerSettings;
import org.intstream.standalone.IntStreamCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code intstream submit|list|results|remove} and {@code intstream agent --trace} against a controller. */
class ControllerCommandsTest {
    private static final String TRACE = "../tests/src/test/resources/traces/nmap-syn-fast.pcap";
    private ControllerServer server;
    private String url;

    @BeforeEach
    void start() throws Exception {
        server = ControllerServer.start(ControllerSettings.defaults().withToken("tk").withGraceMillis(500),
                InetAddress.getLoopbackAddress(), 0, InetAddress.getLoopbackAddress(), 0, 50, line -> { });
        url = "http://127.0.0.1:" + server.httpPort();
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
    }

    /** Runs a command; returns its exit code, standard output and error output. */
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

    @Test
    void submitReplayResultsRemove() throws Exception {
        String[] submit = run("submit", "port_scan", "--param", "threshold=20", "--server", url);
        assertThat(submit[0]).isEqualTo("0");
        assertThat(submit[1]).isEqualTo("submitted port_scan (version 1, point-local, window 10000 ms)\n");
        assertThat(run("list", "--server", url)[1])
                .isEqualTo("port_scan  version 1  point-local  window 10000 ms  params {\"threshold\":\"20\"}\n");

        String[] agent = run("agent", "--trace", TRACE, "--controller", "127.0.0.1:" + server.agentPort(), "--token", "tk",
                "--agent-id", "h1", "--install-wait-ms", "10000");
        assertThat(agent[0]).as("the agent exits once every window is acknowledged").isEqualTo("0");

        String[] results = run("results", "port_scan", "--server", url);
        assertThat(results[1]).isEqualTo("window_start             coverage  src  ports\n"
                + "2026-11-22 21:06:20.000  1/1       10.77.11.2  1000\n");
        assertThat(run("results", "port_scan", "--format", "json", "--server", url)[1])
                .contains("\"coverage\" : \"1/1\"", "\"src\" : \"10.77.11.2\"", "\"ports\" : 1000");

        assertThat(run("remove", "port_scan", "--server", url)[1]).isEqualTo("removed port_scan\n");
        String[] again = run("remove", "port_scan", "--server", url);
        assertThat(again[0]).isNotEqualTo("0");
        assertThat(again[2]).contains("controller: no query 'port_scan' runs");
    }

    @Test
    void refusalsAreOneClearLine() {
        String[] central = run("submit", "query ports(window = 5s) packets | window tumbling window "
                + "| reduce collect(ts) as times by l4.dport as port", "--server", url);
        assertThat(central[0]).isNotEqualTo("0");
        assertThat(central[2]).contains("'ports' can't be split");
        String[] unknown = run("submit", "no_such_query", "--server", url);
        assertThat(unknown[2]).contains("'no_such_query' is neither a shipped query, a file, nor query text");
        String[] badParam = run("submit", "ddos", "--param", "threshold", "--server", url);
        assertThat(badParam[2]).contains("--param wants KEY=VALUE, got 'threshold'");
        String[] wrongToken = run("agent", "--trace", TRACE, "--controller", "127.0.0.1:" + server.agentPort(),
                "--token", "nope", "--install-wait-ms", "5000");
        assertThat(wrongToken[0]).isEqualTo("1");
        String[] noServer = run("list", "--server", "http://127.0.0.1:1");
        assertThat(noServer[2]).contains("no controller answers at http://127.0.0.1:1");
    }
}
