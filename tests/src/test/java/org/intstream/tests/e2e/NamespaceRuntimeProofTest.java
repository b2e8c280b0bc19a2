package org.intstream.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.intstream.agent.capture.CaptureOptions;
import org.intstream.agent.capture.LiveCaptureSource;
import org.intstream.agent.stream.AgentStreamer;
import org.intstream.agent.stream.HostAddresses;
import org.intstream.agent.stream.StreamerConfig;
import org.intstream.controller.merge.MergedWindow;
import org.intstream.controller.runtime.ControllerSettings;
import org.intstream.engine.packet.PointTable;
import org.intstream.p4runtime.ActionSpec;
import org.intstream.p4runtime.ElectionId;
import org.intstream.p4runtime.P4InfoFiles;
import org.intstream.p4runtime.P4RuntimeClient;
import org.intstream.p4runtime.TableEntrySpec;
import org.intstream.query.partition.ObservationPoint;
import org.intstream.query.switchgen.IntStreamP4;
import org.intstream.query.type.IpAddress;
import org.intstream.softswitch.Softswitch;
import org.intstream.standalone.run.QueryLoader;
import org.intstream.standalone.server.ControllerClient;
import org.intstream.standalone.server.ControllerServer;
import org.intstream.tests.TraceRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The distributed runtime end to end on real traffic: three hosts in network namespaces, each joined by a
 * veth to a port of an in-process soft switch running intstream.p4 (L2 forwarding by destination MAC written
 * over P4Runtime; the root-side veth ends have no address and no bridge, so only the switch carries traffic).
 * A controller runs in this JVM with one agent per host. nmap SYN-scans h2 from h1, hping3 sends SYNs from h3
 * to h2's port 80, then iperf3 sends 500 KB from h3 to h2. tcpdump records every frame as it enters the switch
 * and as the switch delivers it; the central engine runs port_scan, tcp_new_conn and heavy_hitter over the
 * frames at each query's observation point (as sent, or as received), and per window the controller's merged
 * rows must equal the central rows: h1 the scanner, h2 the target of the new connections, h3 the heavy hitter
 * with the bytes iperf3 says it sent, plus headers. A capture that dropped frames under load must say so in
 * its windows and account for the difference.
 *
 * <p>The agents capture live on the root-side end of their host's veth (both directions: what the host sends
 * and what the switch delivers to it) and are told their host's address, so each packet is the sender's at
 * port_scan's point and the receiver's at tcp_new_conn's — the same packets an agent inside the namespace
 * would observe. Capture direction is not used: on the root side it is the host's inverted.
 *
 * <p>The traffic starts just after a 10 s boundary and lasts about a second, so every packet falls into the
 * same window at the sender, the switch and the receiver, whose timestamps differ by the switch's delay.
 */
class NamespaceRuntimeProofTest {
    private static final String PREFIX = "ise2e";
    private static final int HOSTS = 3;
    private static final String SUBNET = "10.231.7.";
    private static final Map<String, Map<String, String>> QUERIES = Map.of(
            "port_scan", Map.of("threshold", "50"),
            "tcp_new_conn", Map.of("threshold", "100"),
            "heavy_hitter", Map.of("threshold", "200000"));

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> running = new ArrayList<>();
    private Path work;
    private ControllerServer server;
    private final AgentStreamer[] agents = new AgentStreamer[HOSTS + 1];
    private final LiveCaptureSource[] captures = new LiveCaptureSource[HOSTS + 1];

    private static String ns(int host) {
        return PREFIX + "-h" + host;
    }

    private static String rootEnd(int host) {
        return PREFIX + host;
    }

    private static String ip(int host) {
        return SUBNET + host;
    }

    private static String mac(int host) {
        return "02:00:e2:e0:00:0" + host;
    }

    @BeforeEach
    void preconditions() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root (namespaces, raw sockets, capture)");
        List<String> missing = BoundedCommand.missing("ip", "nmap", "hping3", "iperf3", "ethtool", "tcpdump", "mergecap",
                "ping");
        assumeTrue(missing.isEmpty(), "missing tools: " + missing);
        removeLab();
        work = Files.createTempDirectory("e2e-namespaces");
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                log.add("cleanup: " + e);
            }
        }
        for (AgentStreamer a : agents) {
            if (a != null) {
                a.close();
            }
        }
        if (server != null) {
            server.close();
        }
        removeLab();
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void removeLab() {
        for (int h = 1; h <= HOSTS; h++) {
            BoundedCommand.quietly("ip", "link", "del", rootEnd(h));
            BoundedCommand.quietly("ip", "netns", "del", ns(h));
        }
    }

    private static void sh(String... command) throws Exception {
        BoundedCommand.check(15, command);
    }

    private static void inHost(int host, String... command) throws Exception {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns(host)));
        c.addAll(List.of(command));
        sh(c.toArray(String[]::new));
    }

    /** Three hosts, each eth0 with a fixed MAC and static neighbours (no ARP broadcast to forward). */
    private static void createHosts() throws Exception {
        for (int h = 1; h <= HOSTS; h++) {
            sh("ip", "netns", "add", ns(h));
            sh("ip", "link", "add", rootEnd(h), "type", "veth", "peer", "name", rootEnd(h) + "p");
            sh("ip", "link", "set", rootEnd(h) + "p", "netns", ns(h));
            sh("sysctl", "-qw", "net.ipv6.conf." + rootEnd(h) + ".disable_ipv6=1");
            sh("ip", "link", "set", rootEnd(h), "up");
            inHost(h, "ip", "link", "set", rootEnd(h) + "p", "name", "eth0");
            inHost(h, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1");
            inHost(h, "ip", "link", "set", "eth0", "address", mac(h));
            inHost(h, "ip", "addr", "add", ip(h) + "/24", "dev", "eth0");
            inHost(h, "ip", "link", "set", "lo", "up");
            inHost(h, "ip", "link", "set", "eth0", "up");
            // Segments on the wire, not the kernel's 64 KB super-packets (the switch forwards frames of the MTU),
            // and checksums computed by the kernel: the switch captures and re-sends frames, so a checksum left
            // for a NIC to fill in would reach the other host wrong and its TCP would drop the segment.
            inHost(h, "ethtool", "-K", "eth0", "tx", "off", "tso", "off", "gso", "off", "gro", "off");
            for (int other = 1; other <= HOSTS; other++) {
                if (other != h) {
                    inHost(h, "ip", "neigh", "replace", ip(other), "lladdr", mac(other), "dev", "eth0", "nud",
                            "permanent");
                }
            }
        }
    }

    /** The soft switch on the root-side ends, port h for host h, forwarding by destination MAC. */
    private void startSwitch() throws Exception {
        Path build = TraceRun.ROOT.resolve("p4src/build");
        Softswitch.Options o = new Softswitch.Options();
        o.grpcPort = 0;
        o.pipeline = build.resolve("intstream.json");
        o.p4info = build.resolve("intstream.p4info.txt");
        for (int h = 1; h <= HOSTS; h++) {
            o.ifaces.put(h, rootEnd(h));
        }
        Softswitch sw = Softswitch.start(o);
        running.add(sw);
        try (P4RuntimeClient client = P4RuntimeClient.builder("127.0.0.1:" + sw.grpcPort(), 1, ElectionId.of(10))
                .build()) {
            client.connect();
            client.usePipeline(P4InfoFiles.read(o.p4info));
            for (int h = 1; h <= HOSTS; h++) {
                client.insert(TableEntrySpec.builder(IntStreamP4.L2_EXACT_TABLE).exact("dst_addr", mac(h))
                        .action(ActionSpec.of(IntStreamP4.SET_EGRESS_PORT_L2_EXACT).param("port_num", h)).build());
            }
        }
    }

    /** Agent h: live capture of the root-side end of h's veth, told h's address. */
    private void startAgent(int h, long observedFrom) throws Exception {
        agents[h] = AgentStreamer.start(new StreamerConfig("127.0.0.1", server.agentPort(), "h" + h, "",
                "h" + h + "/eth0", observedFrom, 20, 500), HostAddresses.of(List.of(IpAddress.parse(ip(h)))),
                () -> captureDrops(h), log::add);
    }

    /** What libpcap dropped on host h's capture so far (the agent reports it with every partial). */
    private long captureDrops(int h) {
        LiveCaptureSource c = captures[h];
        if (c == null) {
            return 0;
        }
        c.readCaptureCounters();
        return c.stats().droppedByCapture() + c.stats().droppedByInterface();
    }

    private void startCaptures() throws Exception {
        for (int h = 1; h <= HOSTS; h++) {
            LiveCaptureSource source = new LiveCaptureSource(rootEnd(h), CaptureOptions.DEFAULTS, new PointTable(),
                    "h" + h + "/eth0");
            captures[h] = source;
            AgentStreamer agent = agents[h];
            Thread t = new Thread(() -> {
                try {
                    source.run(agent::onFrame);
                } catch (Exception e) {
                    log.add("capture " + source + ": " + e);
                }
            }, "e2e-capture-h" + h);
            t.setDaemon(true);
            t.start();
            running.add(() -> {
                source.stop();
                t.join(5_000);
                source.close();
            });
        }
    }

    /**
     * tcpdump on every root-side end, once per direction: "in" holds each frame as it enters the switch (what
     * the hosts sent), "out" each frame the switch delivered to a host (what the hosts received; on a loaded
     * machine the switch may drop a frame, which its receiver then never observes). Immediate mode, or the
     * frames of the last unfilled capture block are lost when tcpdump is stopped.
     */
    private Map<String, List<Path>> startRecording() throws Exception {
        Map<String, List<Path>> files = new TreeMap<>();
        for (String direction : List.of("in", "out")) {
            for (int h = 1; h <= HOSTS; h++) {
                Path pcap = work.resolve(direction + "-h" + h + ".pcap");
                Path err = work.resolve("tcpdump-" + direction + "-h" + h + ".txt");
                Process p = new ProcessBuilder("tcpdump", "-n", "-U", "--immediate-mode", "-B", "16384", "-Q", direction, "-i",
                        rootEnd(h), "-w", pcap.toString()).redirectErrorStream(true).redirectOutput(err.toFile()).start();
                running.add(() -> {
                    p.destroy();
                    if (!p.waitFor(5, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                });
                await("tcpdump on " + rootEnd(h) + " listening", 10_000,
                        () -> read(err).contains("listening on") || !p.isAlive());
                assertThat(p.isAlive()).as("tcpdump: %s", read(err)).isTrue();
                files.computeIfAbsent(direction, d -> new ArrayList<>()).add(pcap);
            }
        }
        return files;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void mergedResultsOverLiveNamespaceTrafficEqualTheCentralEngine() throws Exception {
        createHosts();
        startSwitch();
        // Only the switch joins the veths: a reply proves it forwards both ways.
        inHost(1, "ping", "-c", "2", "-i", "0.2", "-W", "2", ip(3));

        server = ControllerServer.start(ControllerSettings.defaults().withGraceMillis(3_000),
                InetAddress.getLoopbackAddress(), 0, InetAddress.getLoopbackAddress(), 0, 50, log::add);
        long observedFrom = System.currentTimeMillis() * 1000;
        for (int h = 1; h <= HOSTS; h++) {
            startAgent(h, observedFrom);
        }
        await("three agents", 10_000, () -> server.core().agents().links().size() == HOSTS);
        ControllerClient client = new ControllerClient("http://127.0.0.1:" + server.httpPort());
        for (Map.Entry<String, Map<String, String>> q : QUERIES.entrySet()) {
            client.submit(QueryLoader.shippedText(q.getKey()), q.getValue());
        }
        for (int h = 1; h <= HOSTS; h++) {
            assertThat(agents[h].awaitInstalled(QUERIES.size(), 10_000)).as("h%d installed", h).isTrue();
        }
        assertThat(server.core().queries().get("port_scan").plan().point()).isEqualTo(ObservationPoint.PACKET_AT_SENDER);
        assertThat(server.core().queries().get("tcp_new_conn").plan().point())
                .isEqualTo(ObservationPoint.PACKET_AT_RECEIVER);
        Process iperfServer = new ProcessBuilder("ip", "netns", "exec", ns(2), "iperf3", "-s", "-1", "--forceflush", "-B",
                ip(2), "-p", "5201").redirectErrorStream(true).redirectOutput(work.resolve("iperf3-server.txt").toFile()).start();
        running.add(() -> {
            iperfServer.destroy();
            iperfServer.waitFor(5, TimeUnit.SECONDS);
        });
        await("iperf3 server listening", 10_000, () -> read(work.resolve("iperf3-server.txt")).contains("listening"));
        startCaptures();
        Map<String, List<Path>> recorded = startRecording();

        // Just after a 10 s boundary: the traffic (two to three seconds) stays inside one window of every query.
        long now = System.currentTimeMillis();
        Thread.sleep(Math.floorDiv(now, 10_000L) * 10_000L + 10_300L - now);
        Process scan = new ProcessBuilder("ip", "netns", "exec", ns(1), "nmap", "-n", "-Pn", "--send-ip", "-sS",
                "-p", "1-300", "--max-rate", "500", "--max-retries", "0", ip(2))
                .redirectErrorStream(true).redirectOutput(work.resolve("nmap.txt").toFile()).start();
        Process syns = new ProcessBuilder("ip", "netns", "exec", ns(3), "hping3", "-q", "-S", "-c", "300", "-i",
                "u2000", "-p", "80", ip(2))
                .redirectErrorStream(true).redirectOutput(work.resolve("hping3.txt").toFile()).start();
        for (Process p : List.of(scan, syns)) {
            if (!p.waitFor(8, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("traffic still running after 8 s");
            }
        }
        assertThat(scan.exitValue()).as("nmap: %s", read(work.resolve("nmap.txt"))).isZero();
        // nmap hears h2 through the switch (on a loaded machine a few replies may come too late for a scan
        // without retries: those ports show as filtered; every SYN was still sent and is counted below).
        assertThat(read(work.resolve("nmap.txt"))).contains("1 host up").contains("closed tcp ports (reset)");
        // Then, in the same window, 500 KB at 4 Mbit/s from h3 to h2 for one second through the switch (after
        // the scan, so the scan's probes don't queue behind it).
        Process bulk = new ProcessBuilder("ip", "netns", "exec", ns(3), "iperf3", "-c", ip(2), "-p", "5201", "-t", "1",
                "-b", "4M", "-J").redirectErrorStream(false).redirectOutput(work.resolve("iperf3.json").toFile())
                .redirectError(work.resolve("iperf3-client.txt").toFile()).start();
        if (!bulk.waitFor(8, TimeUnit.SECONDS)) {
            bulk.destroyForcibly();
            throw new AssertionError("iperf3 still running after 8 s: " + read(work.resolve("iperf3-client.txt")));
        }
        Thread.sleep(500);

        // The captures end, the agents close their windows and the controller publishes them.
        for (AutoCloseable r : running.subList(1, running.size())) {
            r.close();
        }
        running.subList(1, running.size()).clear();
        for (int h = 1; h <= HOSTS; h++) {
            agents[h].advanceTime(System.currentTimeMillis() * 1000);
            agents[h].finish();
        }
        for (int h = 1; h <= HOSTS; h++) {
            AgentStreamer a = agents[h];
            await("h" + h + "'s partials acknowledged", 10_000, () -> {
                server.flushAcks();
                return a.unacknowledged() == 0;
            });
        }

        // Each query's central run reads the packets at its observation point: as sent, or as received.
        Map<String, TraceRun> central = new TreeMap<>();
        for (Map.Entry<String, List<Path>> direction : recorded.entrySet()) {
            Path all = work.resolve("all-" + direction.getKey() + ".pcap");
            List<String> merge = new ArrayList<>(List.of("mergecap", "-F", "pcap", "-w", all.toString()));
            direction.getValue().forEach(p -> merge.add(p.toString()));
            sh(merge.toArray(String[]::new));
            central.put(direction.getKey(), TraceRun.shipped(all, List.copyOf(QUERIES.keySet()), QUERIES));
        }

        for (String q : QUERIES.keySet()) {
            boolean atReceiver = server.core().queries().get(q).plan().point() == ObservationPoint.PACKET_AT_RECEIVER;
            Map<Long, List<String>> expected = central(central.get(atReceiver ? "out" : "in").rows(q));
            assertThat(expected).as("the central engine finds something for " + q).isNotEmpty();
            await(q + "'s windows published", 10_000,
                    () -> published(q).keySet().containsAll(expected.keySet()));
            long drops = server.core().results().windows(q).stream().mapToLong(MergedWindow::captureDrops).sum();
            if (drops == 0) {
                assertThat(merged(q)).as(q + " per window").isEqualTo(expected);
            } else {
                // libpcap dropped frames at an agent (a loaded machine): the windows say so, and the agents' values
                // fall short of the central ones by no more than what was dropped (frames of at most 1514 bytes
                // for heavy_hitter's byte counts).
                log.add(q + ": the agents' captures dropped " + drops + " frames");
                long perFrame = q.equals("heavy_hitter") ? 1514 : 1;
                assertThat(keyed(merged(q))).as(q + " keys per window").isEqualTo(keyed(expected));
                assertThat(shortfall(merged(q), expected)).as(q + " short by").isBetween(0L, drops * perFrame);
            }
            for (MergedWindow w : server.core().results().windows(q)) {
                if (expected.containsKey(w.start())) {
                    assertThat(w.coverage()).as("%s window %d", q, w.start()).isEqualTo("3/3");
                }
            }
        }
        assertThat(keys("port_scan")).as("the scanner").containsExactly(ip(1));
        // nmap without retries sends one SYN to each of the 300 ports.
        assertThat(merged("port_scan").values()).containsExactly(List.of("[" + ip(1) + ", 300]"));
        assertThat(keys("tcp_new_conn")).as("the host receiving the SYNs").containsExactly(ip(2));

        // The bandwidth: iperf3's own count of the payload it sent (retransmissions aside) is what h3 sent beyond
        // its SYNs, so the heavy hitter's bytes (frames on the wire) are at least that, and at most that plus
        // the retransmitted segments, every segment's headers, hping3's SYNs and iperf3's control connection.
        assertThat(bulk.exitValue()).as("iperf3: %s", read(work.resolve("iperf3-client.txt"))).isZero();
        JsonNode sent = new ObjectMapper().readTree(work.resolve("iperf3.json").toFile()).path("end").path("sum_sent");
        long iperfBytes = sent.path("bytes").asLong();
        long retransmits = sent.path("retransmits").asLong();
        assertThat(iperfBytes).as("iperf3 sent").isGreaterThan(400_000);
        assertThat(keys("heavy_hitter")).as("the bulk sender").containsExactly(ip(3));
        long hitterBytes = server.core().results().windows("heavy_hitter").stream().flatMap(w -> w.rows().stream())
                .mapToLong(r -> (Long) r[1]).sum();
        long segments = (iperfBytes + 1447) / 1448 + retransmits;
        assertThat(hitterBytes).as("h3's bytes on the wire against iperf3's payload (%d retransmits)", retransmits)
                .isBetween(iperfBytes, iperfBytes + retransmits * 1514 + segments * 80 + 300 * 60 + 50_000);
    }

    /** Window start to the sorted rows (the window column removed) of one query in the central run. */
    private static Map<Long, List<String>> central(List<Object[]> rows) {
        Map<Long, List<String>> out = new TreeMap<>();
        for (Object[] row : rows) {
            out.computeIfAbsent((Long) row[0], k -> new ArrayList<>())
                    .add(Arrays.toString(Arrays.copyOfRange(row, 1, row.length)));
        }
        out.values().forEach(l -> l.sort(null));
        return out;
    }

    /** The rows' keys (first column) per window. */
    private static Map<Long, List<String>> keyed(Map<Long, List<String>> rows) {
        Map<Long, List<String>> out = new TreeMap<>();
        rows.forEach((w, list) -> out.put(w, list.stream().map(r -> r.substring(1, r.indexOf(','))).sorted().toList()));
        return out;
    }

    /** Sum over windows and keys of the central count minus the merged one (last column of each row). */
    private static long shortfall(Map<Long, List<String>> merged, Map<Long, List<String>> central) {
        return total(central) - total(merged);
    }

    private static long total(Map<Long, List<String>> rows) {
        return rows.values().stream().flatMap(List::stream)
                .mapToLong(r -> Long.parseLong(r.substring(r.lastIndexOf(' ') + 1, r.length() - 1))).sum();
    }

    private Map<Long, MergedWindow> published(String query) {
        Map<Long, MergedWindow> out = new TreeMap<>();
        server.core().results().windows(query).forEach(w -> out.put(w.start(), w));
        return out;
    }

    private Map<Long, List<String>> merged(String query) {
        Map<Long, List<String>> out = new TreeMap<>();
        for (MergedWindow w : server.core().results().windows(query)) {
            for (Object[] row : w.rows()) {
                out.computeIfAbsent(w.start(), k -> new ArrayList<>()).add(Arrays.toString(row));
            }
        }
        out.values().forEach(l -> l.sort(null));
        return out;
    }

    private List<String> keys(String query) {
        return server.core().results().windows(query).stream().flatMap(w -> w.rows().stream())
                .map(r -> r[0].toString()).distinct().toList();
    }

    private static void await(String what, long millis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
