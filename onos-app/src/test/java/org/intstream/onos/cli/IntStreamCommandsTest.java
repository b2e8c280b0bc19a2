package org.intstream.onos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.intstream.controller.agent.AgentStatus;
import org.intstream.controller.dataplane.SlotHit;
import org.intstream.controller.dataplane.SwitchRuntime;
import org.intstream.onos.AgentEndpointService;
import org.intstream.onos.IntStreamQuery;
import org.intstream.onos.IntStreamService;
import org.intstream.onos.query.WiredIntStreamManager;
import org.intstream.onos.rest.QueryCodec;
import org.intstream.onos.rest.SlotHitCodec;
import org.intstream.onos.testing.TestCodecContext;
import org.intstream.onos.testing.TestCodecService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onosproject.codec.JsonCodec;

/** The commands' output over an activated manager (two devices run the pipeconf, one does not). */
class IntStreamCommandsTest {
    private static final Path PORT_SCAN = Path.of("..", "queries", "port_scan.isq");

    private WiredIntStreamManager manager;
    private final TestCodecService codecs = new TestCodecService();

    @BeforeEach
    void activate() {
        manager = new WiredIntStreamManager();
        codecs.registerCodec(IntStreamQuery.class, new QueryCodec());
        codecs.registerCodec(SlotHit.class, new SlotHitCodec());
    }

    private static String text(String query) throws IOException {
        return Files.readString(Path.of("..", "queries", query + ".isq"), StandardCharsets.UTF_8);
    }

    /** Submits with -e: switches' estimates may stand in for an exact query. */
    private CommandOutput submit(String query, String... params) throws Exception {
        return submit(true, query, params);
    }

    private CommandOutput submit(boolean allowEstimates, String query, String... params) throws Exception {
        IntStreamSubmitCommand c = new IntStreamSubmitCommand() {
            @Override
            public <T> T getService(Class<T> type) {
                return type.cast(manager);
            }
        };
        c.query = query;
        c.params = params.length == 0 ? null : List.of(params);
        c.allowEstimates = allowEstimates;
        return CommandOutput.of(c::doExecute);
    }

    private CommandOutput queries() throws Exception {
        return queries(false);
    }

    private CommandOutput queries(boolean json) throws Exception {
        IntStreamQueriesCommand c = new IntStreamQueriesCommand() {
            @Override
            public <T> T getService(Class<T> type) {
                return type.cast(manager);
            }

            @Override
            protected boolean outputJson() {
                return json;
            }

            @Override
            public <T> JsonCodec<T> codec(Class<T> type) {
                return codecs.getCodec(type);
            }
        };
        return CommandOutput.of(c::doExecute);
    }

    private CommandOutput results(String name, int last) throws Exception {
        return results(name, last, false);
    }

    private CommandOutput results(String name, int last, boolean json) throws Exception {
        IntStreamResultsCommand c = new IntStreamResultsCommand() {
            @Override
            public <T> T getService(Class<T> type) {
                return type.cast(manager);
            }

            @Override
            protected boolean outputJson() {
                return json;
            }

            @Override
            public <T> JsonCodec<T> codec(Class<T> type) {
                return codecs.getCodec(type);
            }
        };
        c.name = name;
        c.last = last;
        return CommandOutput.of(c::doExecute);
    }

    private CommandOutput explain(String query, String... params) throws Exception {
        IntStreamExplainCommand c = new IntStreamExplainCommand() {
            @Override
            public <T> T getService(Class<T> type) {
                return type.cast(manager);
            }
        };
        c.query = query;
        c.params = params.length == 0 ? null : List.of(params);
        return CommandOutput.of(c::doExecute);
    }

    private CommandOutput remove(String name) throws Exception {
        IntStreamRemoveCommand c = new IntStreamRemoveCommand() {
            @Override
            public <T> T getService(Class<T> type) {
                return type.cast(manager);
            }
        };
        c.name = name;
        return CommandOutput.of(c::doExecute);
    }

    @Test
    void intstreamSubmit() throws Exception {
        CommandOutput o = submit(PORT_SCAN.toString(), "threshold=20");
        assertThat(o.out).isEqualTo("submitted port_scan: on switches device:s1, device:s2\n");
        assertThat(o.err).isEmpty();
        assertThat(manager.query("port_scan").orElseThrow().parameters()).isEqualTo(Map.of("threshold", "20"));

        // Quoted text works as well as a file; a host-only query says why.
        assertThat(submit(text("tcp_rtt")).out).startsWith("submitted tcp_rtt: on end-host agents only (line ");
    }

    @Test
    void intstreamSubmitWithoutEstimatesKeepsAnExactQueryAtTheAgents() throws Exception {
        CommandOutput o = submit(false, PORT_SCAN.toString(), "threshold=20");
        assertThat(o.out).isEqualTo("submitted port_scan: on end-host agents only (" + SwitchRuntime.NOT_ESTIMATING
                + ")\n");
        assertThat(manager.query("port_scan").orElseThrow().estimatesAllowed()).isFalse();
        assertThat(manager.slots.installed(WiredIntStreamManager.S1)).isEmpty();
    }

    @Test
    void intstreamSubmitPrintsWhyAQueryIsRefused() throws Exception {
        CommandOutput bad = submit("query broken\n  packets\n  | filter ip.proto == \n");
        assertThat(bad.out).isEmpty();
        assertThat(bad.err).isEqualTo(
                "query refused: line 4, column 1: unexpected end of text; expected an expression\n");
        assertThat(submit(PORT_SCAN.toString(), "threshold").err)
                .isEqualTo("query refused: parameter 'threshold' is not KEY=VALUE (e.g. -p threshold=20)\n");
        assertThat(submit(PORT_SCAN.toString(), "threshold=1", "threshold=2").err)
                .isEqualTo("query refused: parameter 'threshold' is given twice\n");
        assertThat(manager.queries()).isEmpty();
    }

    @Test
    void intstreamQueries() throws Exception {
        assertThat(queries().out).isEqualTo("no queries submitted\n");
        submit(PORT_SCAN.toString(), "threshold=20");
        manager.intStreamDevices.clear();
        submit(text("tcp_new_conn"));
        assertThat(queries().out).isEqualTo(
                "name=port_scan, status=ON_SWITCHES, devices=[device:s1, device:s2], parameters={threshold=20}\n"
                + "    " + manager.query("port_scan").orElseThrow().note() + "\n"
                + "name=tcp_new_conn, status=WAITING_FOR_SWITCHES, devices=[], parameters={}\n"
                + "    " + manager.query("tcp_new_conn").orElseThrow().note() + "\n");
    }

    @Test
    void intstreamQueriesAsJson() throws Exception {
        assertThat(queries(true).out).isEqualTo("[]\n");
        submit(PORT_SCAN.toString(), "threshold=20");
        assertThat(queries(true).out).isEqualTo("[" + new QueryCodec().encode(manager.query("port_scan")
                .orElseThrow(), new TestCodecContext(codecs)) + "]\n");
    }

    @Test
    void intstreamRemove() throws Exception {
        submit(PORT_SCAN.toString());
        assertThat(remove("port_scan").out).isEqualTo("removed port_scan from device:s1, device:s2\n");
        assertThat(manager.queries()).isEmpty();
        assertThat(remove("port_scan").err).isEqualTo("no query named port_scan is submitted (none is)\n");
    }

    @Test
    void intstreamResults() throws Exception {
        submit(PORT_SCAN.toString());
        assertThat(results("port_scan", 0).out).isEqualTo("no keys reported for port_scan yet\n");
        manager.report(WiredIntStreamManager.S1, new SlotHit("port_scan", 0, 6, 60_000_000L,
                new int[] {0x0A000001, 0, 0, 0, 0}));
        manager.report(WiredIntStreamManager.S2, new SlotHit("port_scan", 0, 7, 70_000_000L,
                new int[] {0x0A000102, 0xC0A80000, 6, 0, 443}));
        assertThat(results("port_scan", 0).out).isEqualTo(
                "window_start_us=60000000, epoch=6, slot=0, key=src=10.0.0.1\n"
                + "window_start_us=70000000, epoch=7, slot=0, key=src=10.0.1.2 dst=192.168.0.0 proto=6 dport=443\n");
        assertThat(results("port_scan", 1).out).isEqualTo(
                "window_start_us=70000000, epoch=7, slot=0, key=src=10.0.1.2 dst=192.168.0.0 proto=6 dport=443\n");
        assertThat(results("port_scan", -1).err).isEqualTo("-n takes a positive count, not -1\n");
        assertThat(results("port_scan", 1, true).out).isEqualTo("[{\"query\":\"port_scan\",\"slot\":0,\"epoch\":7,"
                + "\"windowStartUs\":70000000,\"key\":{\"src\":\"10.0.1.2\",\"dst\":\"192.168.0.0\",\"proto\":6,"
                + "\"sport\":0,\"dport\":443}}]\n");
        assertThat(results("ddos", 0).err).isEqualTo("no query named ddos is submitted; submitted: port_scan\n");
    }

    @Test
    void intstreamExplain() throws Exception {
        CommandOutput fromFile = explain(PORT_SCAN.toString(), "threshold=20");
        assertThat(fromFile.out).startsWith("query port_scan (threshold=20, window=10s)\n")
                .contains("    report   count > 20\n")
                .endsWith("  devices running the IntStream pipeconf: device:s1, device:s2\n");
        // A submitted query is explained with its own parameters, which -p overrides.
        submit(PORT_SCAN.toString(), "threshold=30");
        assertThat(explain("port_scan").out).startsWith("query port_scan (threshold=30, window=10s)\n");
        assertThat(explain("port_scan", "window=5s").out)
                .startsWith("query port_scan (threshold=30, window=5s)\n");
        assertThat(explain("query q\n  packets |").err).startsWith("query refused: line 2, column ");
    }

    /** An endpoint listening on {@code port} (with TLS or not), or down for {@code problem} when port is -1. */
    private static AgentEndpointService endpointAt(int port, boolean tls, String problem) {
        return new AgentEndpointService() {
            @Override
            public int port() {
                return port;
            }

            @Override
            public boolean tls() {
                return tls;
            }

            @Override
            public String problem() {
                return problem;
            }
        };
    }

    @Test
    void intstreamAgents() throws Exception {
        IntStreamAgentsCommand none = new IntStreamAgentsCommand() {
            @Override
            public <T> T getService(Class<T> type) {
                return type == AgentEndpointService.class ? type.cast(endpointAt(7070, false, null)) : type.cast(manager);
            }
        };
        assertThat(CommandOutput.of(none::doExecute).out).startsWith("no agents known (")
                .endsWith("\nagents' endpoint: port 7070, plain TCP\n");
        IntStreamService withAgents = new WiredIntStreamManager() {
            @Override
            public List<AgentStatus> agents() {
                return List.of(new AgentStatus("h1", "h1-eth0", true, 1_700_000_000_000L),
                        new AgentStatus("h2", "h2-eth0", false, 1_700_000_060_000L));
            }
        };
        IntStreamAgentsCommand two = new IntStreamAgentsCommand() {
            @Override
            public <T> T getService(Class<T> type) {
                return type == AgentEndpointService.class ? type.cast(endpointAt(7443, true, null))
                        : type.cast(withAgents);
            }
        };
        assertThat(CommandOutput.of(two::doExecute).out).isEqualTo(
                "id=h1, point=h1-eth0, state=connected, since=2023-11-14T22:13:20Z\n"
                + "id=h2, point=h2-eth0, state=disconnected, since=2023-11-14T22:14:20Z\n"
                + "agents' endpoint: port 7443, TLS (agents give --tls-ca)\n");
        assertThat(IntStreamAgentsCommand.endpoint(endpointAt(-1, false, "agentTlsKey: can't read /etc/k.pem")))
                .isEqualTo("agents' endpoint is down: agentTlsKey: can't read /etc/k.pem");
    }

    @Test
    void intstreamSwitches() throws Exception {
        manager.mastership.setLocalMaster(WiredIntStreamManager.S2, false);
        manager.runtimeManager.probeAnswerMillis(1);
        manager.runtimeManager.runCalibrations();
        IntStreamSwitchesCommand c = new IntStreamSwitchesCommand() {
            @Override
            public <T> T getService(Class<T> type) {
                return type.cast(manager.runtimeManager);
            }
        };
        assertThat(CommandOutput.of(c::doExecute).out).isEqualTo(
                "name=device:s1, master=true, queries={}, reports=0, epochs_read=0, clock=not calibrated; switch "
                + "device:s1: clock calibration failed: none of 16 clock probes was answered within 1 ms each: the "
                + "switch sent no report for them\n"
                + "name=device:s2, master=false, queries={}, reports=0, epochs_read=0, clock=not calibrated\n");
    }

    @Test
    void queryNameCompleterOffersSubmittedNames() throws Exception {
        QueryNameCompleter completer = new QueryNameCompleter() {
            @Override
            protected <T> T getService(Class<T> type) {
                return type.cast(manager);
            }
        };
        assertThat(completer.choices()).isEmpty();
        submit(text("tcp_new_conn"));
        submit(PORT_SCAN.toString());
        assertThat(completer.choices()).containsExactly("port_scan", "tcp_new_conn");
    }

    @Test
    void aQuotedQueryIsReadAsTextAndAPathAsAFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("q.isq"), "query q\n  packets\n");
        assertThat(QueryArguments.text(file.toString())).isEqualTo("query q\n  packets\n");
        assertThat(QueryArguments.text("query q | packets")).isEqualTo("query q | packets");
        assertThat(QueryArguments.text(dir.resolve("missing.isq").toString())).endsWith("missing.isq");
    }
}
