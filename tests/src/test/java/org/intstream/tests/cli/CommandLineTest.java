package org.intstream.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.intstream.tests.TraceRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code intstream} command as a user runs it: the packaged jar in a separate process, its standard
 * output, standard error and exit code.
 */
class CommandLineTest {
    private static final Path JAR = TraceRun.ROOT.resolve("standalone/target/intstream.jar");
    private static final Path SCAN = TraceRun.TRACES.resolve("nmap-syn-fast.pcap");

    /** What a run printed and returned. */
    record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void jarIsBuilt() {
        assertThat(JAR).as("the intstream jar (mvn package builds it)").exists();
    }

    static Result intstream(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", JAR.toString()));
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).directory(TraceRun.ROOT.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void runPrintsJsonLinesWithWindowsInEpochMilliseconds() throws Exception {
        Result r = intstream("run", "--trace", SCAN.toString(), "--query", "port_scan", "--format", "jsonl");
        assertThat(r.code()).as(r.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        List<String> rows = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            JsonNode n = json.readTree(line);
            assertThat(n.get("query").asText()).isEqualTo("port_scan");
            assertThat(n.get("window_end").asLong() - n.get("window_start").asLong()).isEqualTo(10_000);
            rows.add(n.get("window_start").asLong() * 1000 + "," + n.get("src").asText() + "," + n.get("ports").asLong());
        }
        List<String> expected = Files.readAllLines(TraceRun.EXPECTED.resolve("port_scan/nmap-syn-fast.csv"));
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expected.subList(1, expected.size()));
    }

    @Test
    void parametersOverrideDefaultsAndUnknownOnesAreNamed() throws Exception {
        Result quiet = intstream("run", "--trace", SCAN.toString(), "--query", "port_scan", "--param",
                "threshold=100000", "--format", "csv");
        assertThat(quiet.code()).isZero();
        assertThat(quiet.out()).isEmpty();
        Result typo = intstream("run", "--trace", SCAN.toString(), "--query", "port_scan", "--param", "treshold=5");
        assertThat(typo.code()).isEqualTo(1);
        assertThat(typo.err()).contains("no query takes a parameter 'treshold'").contains("did you mean 'threshold'");
        Result badValue = intstream("run", "--trace", SCAN.toString(), "--query", "port_scan", "--param", "window=ten");
        assertThat(badValue.code()).isEqualTo(1);
        assertThat(badValue.err()).contains("a duration (like 500ms, 10s, 5m)").contains("'ten'");
    }

    @Test
    void csvHasAHeaderAndOneLinePerRow() throws Exception {
        Result r = intstream("run", "--trace", SCAN.toString(), "--query", "tcp_new_conn", "--format", "csv");
        assertThat(r.code()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines[0]).isEqualTo("query,window_start,window_end,dst,conns");
        assertThat(lines.length - 1).isEqualTo(Files.readAllLines(TraceRun.EXPECTED.resolve("tcp_new_conn/nmap-syn-fast.csv")).size() - 1);
    }

    @Test
    void aWrongQueryIsOneClearLineWithItsPosition() throws Exception {
        Result r = intstream("run", "--trace", SCAN.toString(), "--query",
                "query q packets\n  | window tumbling 10s\n  | reduce count() as n by ip.scr");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).contains("line 3, column 28").contains("unknown field 'ip.scr'")
                .contains("did you mean 'ip.src'");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void aDamagedTraceStillGivesTheResultsOfThePacketsBeforeTheDamage(@TempDir Path dir) throws Exception {
        byte[] good = Files.readAllBytes(SCAN);
        byte[] damaged = good.clone();
        // corrupt the included length of a record past the middle: find the record boundary by walking headers
        int offset = 24;
        int records = 0;
        while (offset < good.length / 2) {
            int incl = (good[offset + 8] & 0xFF) | (good[offset + 9] & 0xFF) << 8 | (good[offset + 10] & 0xFF) << 16
                    | (good[offset + 11] & 0xFF) << 24;
            offset += 16 + incl;
            records++;
        }
        damaged[offset + 11] = 0x7F; // an absurd length
        Path bad = dir.resolve("damaged.pcap");
        Files.write(bad, damaged);
        Result r = intstream("run", "--trace", bad.toString(), "--query", "tcp_new_conn", "--format", "jsonl",
                "--param", "threshold=0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isNotEmpty();
        assertThat(r.err()).contains("error:").contains("at byte " + offset).contains("after " + records + " good frames");

        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(good, good.length - 5));
        Result truncated = intstream("run", "--trace", cut.toString(), "--query", "tcp_new_conn", "--format", "csv");
        assertThat(truncated.code()).isZero();
        assertThat(truncated.err()).contains("warning:").contains("every complete packet before it was processed");
    }

    @Test
    void missingFilesAndNonTracesAreNamed(@TempDir Path dir) throws Exception {
        Result missing = intstream("run", "--trace", dir.resolve("nope.pcap").toString(), "--query", "ddos");
        assertThat(missing.code()).isEqualTo(3);
        assertThat(missing.err()).contains("nope.pcap");
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "this is not a capture\n");
        Result garbage = intstream("run", "--trace", text.toString(), "--query", "ddos");
        assertThat(garbage.code()).isNotZero();
        assertThat(garbage.err()).contains("notes.txt");
    }

    @Test
    void demoPrintsATablePerApplication() throws Exception {
        Result r = intstream("demo");
        assertThat(r.code()).as(r.err()).isZero();
        for (String app : List.of("tcp_new_conn", "sketch_gen", "port_scan", "super_spreader", "tcp_retransmission",
                "syn_flood", "slowloris", "heavy_hitter", "tcp_incomplete_flows", "split_processing.tcp",
                "split_processing.udp", "cryptomining", "ssh_brute", "ddos")) {
            assertThat(r.out()).contains("== " + app + " ");
        }
        assertThat(r.out()).doesNotContain("(no results)").contains("19,405 packets");
    }

    @Test
    void everyCommandHasHelpAndTheCatalogueCommandsWork() throws Exception {
        for (String c : List.of("run", "demo", "queries", "check", "fields")) {
            Result h = intstream(c, "--help");
            assertThat(h.code()).isZero();
            assertThat(h.out()).contains("Usage: intstream " + c);
        }
        assertThat(intstream("queries").out()).contains("port_scan").contains("heavy_hitter");
        assertThat(intstream("queries", "ddos").out()).contains("query ddos(threshold = 100, window = 10s)");
        assertThat(intstream("fields").out()).contains("tcp.flags.syn").contains("ip.src");
        Result check = intstream("check", "tcp_retransmission");
        assertThat(check.code()).isZero();
        assertThat(check.out()).contains("Join(left using src, sport, dst, dport)")
                .contains("output tcp_retransmission: [src ip, sport int");
    }

    @Test
    void checkCqlPrintsEachStatementAndNamesTheWrongOne() throws Exception {
        Result ok = intstream("check", "--cql", TraceRun.ROOT.resolve("tests/oracle/cql/top_k.cql").toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("statement Load (relation): ok", "statement Q (relation): ok",
                "Window(range 20m)", "output [srcIP ip, destIP ip, traffic int]");
        Result bad = intstream("check", "--cql", "A: Select srcIP From Packets\nB: Select Foo From A");
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).contains("CQL text: line 2, column 11: unknown column 'Foo'");
    }

    @Test
    void explainShowsTheSwitchStageAndItsEntriesOrWhyThereIsNone() throws Exception {
        Result scan = intstream("explain", "port_scan", "--param", "threshold=20");
        assertThat(scan.code()).as(scan.err()).isZero();
        assertThat(scan.out()).contains("query port_scan (threshold=20, window=10s)", "Filter(ports > 20)",
                "distinct (ip.src, l4.dport)", "report   count > 20",
                "IntStreamIngress.slot0.filter {ip_proto=0x6&&&0xff, tcp_flags=0x2&&&0x12}",
                "report_threshold=20", "reciprocal=120892581961462918",
                "distributed plan of port_scan: point-local", "global stage (controller, reading port_scan.partials)");
        // By key (the default) a per-destination query is observed where packets leave the network.
        Result ddos = intstream("explain", "ddos");
        assertThat(ddos.out()).contains("distributed plan of ddos: point-local",
                "each packet once, where it leaves the network");
        Result ddosAtSenders = intstream("explain", "ddos", "--observe", "sender");
        assertThat(ddosAtSenders.out()).contains("distributed plan of ddos: merge",
                "the distinct tuples of each window cross the network");
        Result wrongSides = intstream("explain", "ddos", "--observe", "both");
        assertThat(wrongSides.code()).isNotZero();
        assertThat(wrongSides.err()).contains("--observe wants by-key or sender, not 'both'");
        Result rtt = intstream("explain", "tcp_rtt");
        assertThat(rtt.code()).as(rtt.err()).isZero();
        assertThat(rtt.out()).contains("no switch stage; the hosts run all of it: line 7");
        Result wide = intstream("explain", "heavy_hitter");
        assertThat(wide.out()).contains("does not fit a switch slot (sketch row cells)");
        Result bad = intstream("explain", "port_scan", "--param", "treshold=2");
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).contains("did you mean 'threshold'");
    }

    @Test
    void softswitchReplaysACaptureThroughIntstreamP4AndNamesBadInput() throws Exception {
        Path out = Files.createTempFile("softswitch-cpu", ".pcap");
        Result ok = intstream("softswitch", "--grpc-port", "-1",
                "--in", "1=" + TraceRun.TRACES.resolve("nmap-syn-fast.pcap"), "--out", "255=" + out);
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.err()).contains("replayed 2005 frames");
        // Nothing is installed: no forwarding, no query slot, so nothing reaches the CPU port.
        assertThat(Files.size(out)).isEqualTo(24);
        Result missing = intstream("softswitch", "--in", "1=/nonexistent.pcap");
        assertThat(missing.code()).isNotZero();
        assertThat(missing.err()).contains("--in 1=/nonexistent.pcap: cannot read /nonexistent.pcap (no such file)");
    }

    @Test
    void theRootScriptRunsTheCommand() throws Exception {
        Process p = new ProcessBuilder(TraceRun.ROOT.resolve("intstream").toString(), "--version")
                .directory(TraceRun.ROOT.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("intstream");
    }
}
