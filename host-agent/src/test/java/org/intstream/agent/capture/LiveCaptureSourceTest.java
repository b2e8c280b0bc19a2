package org.intstream.agent.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.intstream.engine.packet.IpAddresses;
import org.intstream.engine.packet.Packet;
import org.intstream.engine.packet.PacketDecoder;
import org.intstream.engine.packet.PointTable;
import org.intstream.engine.source.FrameHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live capture on the root end of a veth pair whose other end sits in a namespace, with bounded traffic
 * between two namespaces of the test's own {@link VethLab}. Needs root and {@code ip netns}.
 */
class LiveCaptureSourceTest {
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int LINKTYPE_ETHERNET = 1;
    private static final int ETH = 14;

    private static VethLab lab;

    @BeforeAll
    static void createLab() throws IOException {
        assumeTrue(VethLab.available(), "live capture tests need root and ip netns");
        lab = VethLab.create();
        // Segmentation offloads off at the senders, so TCP crosses the veth as MTU-sized frames.
        lab.inNamespace(lab.nsA, "ethtool", "-K", lab.insideA, "gso", "off", "tso", "off", "gro", "off");
        lab.inNamespace(lab.nsB, "ethtool", "-K", lab.insideB, "gso", "off", "tso", "off", "gro", "off");
        NicOffloads.disable(lab.rootA);
        // Resolve ARP once, so the measured traffic is not held back behind it.
        lab.inNamespace(lab.nsA, "ping", "-c", "1", "-W", "2", VethLab.ADDRESS_B);
    }

    @AfterAll
    static void removeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    private static LiveCaptureSource open(CaptureOptions options, PointTable points) throws CaptureException {
        return new LiveCaptureSource(lab.rootA, options, points, "host/" + lab.rootA);
    }

    private static long nowMicros() {
        return System.currentTimeMillis() * 1000L;
    }

    @Test
    void pingIsCapturedExactlyWithTimestampsAndCounters() throws Exception {
        PointTable points = new PointTable();
        points.intern("some/other-point");
        CaptureOptions options = CaptureOptions.DEFAULTS.withFilter("icmp and host " + VethLab.ADDRESS_A
                + " and host " + VethLab.ADDRESS_B);
        try (LiveCaptureSource source = open(options, points)) {
            FrameCollector collector = new FrameCollector();
            CaptureThread capture = CaptureThread.start(source, collector);
            long before = nowMicros();
            lab.inNamespace(lab.nsA, "ping", "-c", "20", "-i", "0.05", "-W", "2", VethLab.ADDRESS_B);
            long after = nowMicros();
            collector.awaitAtLeast(40, 5000);
            Thread.sleep(300); // anything beyond the 40 would show up now
            capture.stopAndJoin(Duration.ofSeconds(5));
            assertThat(capture.failure()).isNull();

            List<FrameCollector.Frame> frames = collector.frames();
            assertThat(frames).hasSize(40);
            List<FrameCollector.Frame> requests = frames.stream().filter(f -> icmpType(f) == 8).collect(Collectors.toList());
            List<FrameCollector.Frame> replies = frames.stream().filter(f -> icmpType(f) == 0).collect(Collectors.toList());
            assertThat(requests).hasSize(20).allSatisfy(f -> {
                assertThat(ipv4Src(f)).isEqualTo(VethLab.ADDRESS_A);
                assertThat(ipv4Dst(f)).isEqualTo(VethLab.ADDRESS_B);
            });
            assertThat(replies).hasSize(20).allSatisfy(f -> assertThat(ipv4Src(f)).isEqualTo(VethLab.ADDRESS_B));

            int point = points.lookup("host/" + lab.rootA);
            assertThat(point).isEqualTo(1).isEqualTo(source.point());
            for (int i = 0; i < frames.size(); i++) {
                FrameCollector.Frame f = frames.get(i);
                assertThat(f.index).isEqualTo(i + 1);
                assertThat(f.linkType).isEqualTo(LINKTYPE_ETHERNET);
                assertThat(f.point).isEqualTo(point);
                assertThat(f.dir).isEqualTo(-1);
                assertThat(f.wireLen).isEqualTo(f.capLen()).isEqualTo(ETH + f.u16(ETH + 2));
                assertThat(f.tsMicros).isBetween(before - 1_000_000L, after + 1_000_000L);
                if (i > 0) {
                    assertThat(f.tsMicros).isGreaterThanOrEqualTo(frames.get(i - 1).tsMicros);
                }
            }
            // Requests leave 50 ms apart.
            for (int i = 1; i < requests.size(); i++) {
                assertThat(requests.get(i).tsMicros - requests.get(i - 1).tsMicros).isGreaterThan(20_000L);
            }
            assertThat(source.nanosecondTimestamps()).isTrue();

            assertThat(source.stats().frames()).isEqualTo(40);
            assertThat(source.stats().bytes()).isEqualTo(frames.stream().mapToLong(f -> f.wireLen).sum());
            // run() read libpcap's counters when it ended.
            assertThat(source.receivedByCapture()).isGreaterThanOrEqualTo(40);
            assertThat(source.stats().droppedByCapture()).isZero();
            assertThat(source.stats().droppedByInterface()).isZero();
            assertThat(source.stats().warnings()).isEmpty();
            assertThat(source.name()).isEqualTo("host/" + lab.rootA);
        }
    }

    @Test
    void smallSnapLengthKeepsTheWireLength() throws Exception {
        CaptureOptions options = CaptureOptions.DEFAULTS.withSnaplen(64).withStatsIntervalMillis(50)
                .withFilter("icmp[icmptype] == icmp-echo and src host " + VethLab.ADDRESS_A);
        try (LiveCaptureSource source = open(options, new PointTable())) {
            FrameCollector collector = new FrameCollector();
            CaptureThread capture = CaptureThread.start(source, collector);
            lab.inNamespace(lab.nsA, "ping", "-c", "5", "-i", "0.05", "-s", "200", "-W", "2", VethLab.ADDRESS_B);
            collector.awaitAtLeast(5, 5000);
            Thread.sleep(300);
            // Read by the periodic poll, while the loop still runs.
            assertThat(source.receivedByCapture()).isEqualTo(5);
            capture.stopAndJoin(Duration.ofSeconds(5));

            // 14 Ethernet + 20 IPv4 + 8 ICMP + 200 payload on the wire, 64 of them captured.
            assertThat(collector.frames()).hasSize(5).allSatisfy(f -> {
                assertThat(f.capLen()).isEqualTo(64);
                assertThat(f.wireLen).isEqualTo(242);
                assertThat(f.wireLen).isGreaterThanOrEqualTo(f.capLen());
            });
            assertThat(source.stats().bytes()).isEqualTo(5 * 242);
        }
    }

    @Test
    void filterSelectsOnlyMatchingPackets() throws Exception {
        CaptureOptions all = CaptureOptions.DEFAULTS.withFilter("udp and dst host " + VethLab.ADDRESS_B);
        CaptureOptions port5001 = all.withFilter("udp and dst host " + VethLab.ADDRESS_B + " and dst port 5001");
        PointTable points = new PointTable();
        try (LiveCaptureSource everyUdp = open(all, points); LiveCaptureSource onlyOnePort = open(port5001, points)) {
            FrameCollector everyFrame = new FrameCollector();
            FrameCollector matching = new FrameCollector();
            CaptureThread first = CaptureThread.start(everyUdp, everyFrame);
            CaptureThread second = CaptureThread.start(onlyOnePort, matching);
            lab.inNamespace(lab.nsA, "python3", "-c", String.join("\n",
                    "import socket, time",
                    "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
                    "for i in range(30):",
                    "    s.sendto(b'x' * 100, ('" + VethLab.ADDRESS_B + "', 5001))",
                    "    s.sendto(b'y' * 100, ('" + VethLab.ADDRESS_B + "', 5002))",
                    "    time.sleep(0.002)"));
            everyFrame.awaitAtLeast(60, 5000);
            matching.awaitAtLeast(30, 5000);
            Thread.sleep(300);
            first.stopAndJoin(Duration.ofSeconds(5));
            second.stopAndJoin(Duration.ofSeconds(5));

            assertThat(everyFrame.frames()).hasSize(60);
            assertThat(everyFrame.frames().stream().filter(f -> udpDstPort(f) == 5002).count()).isEqualTo(30);
            assertThat(matching.frames()).hasSize(30).allSatisfy(f -> {
                assertThat(ipProto(f)).isEqualTo(17);
                assertThat(udpDstPort(f)).isEqualTo(5001);
                assertThat(f.wireLen).isEqualTo(ETH + 20 + 8 + 100);
            });
        }
    }

    @Test
    void directionSeparatesReceivedFromSent() throws Exception {
        String icmp = "icmp and host " + VethLab.ADDRESS_B;
        PointTable points = new PointTable();
        try (LiveCaptureSource in = open(CaptureOptions.DEFAULTS.withFilter(icmp).withDirection(CaptureDirection.IN),
                points);
                LiveCaptureSource out = open(
                        CaptureOptions.DEFAULTS.withFilter(icmp).withDirection(CaptureDirection.OUT), points)) {
            FrameCollector received = new FrameCollector();
            FrameCollector sent = new FrameCollector();
            CaptureThread inThread = CaptureThread.start(in, received);
            CaptureThread outThread = CaptureThread.start(out, sent);
            lab.inNamespace(lab.nsA, "ping", "-c", "10", "-i", "0.05", "-W", "2", VethLab.ADDRESS_B);
            received.awaitAtLeast(10, 5000);
            sent.awaitAtLeast(10, 5000);
            Thread.sleep(300);
            inThread.stopAndJoin(Duration.ofSeconds(5));
            outThread.stopAndJoin(Duration.ofSeconds(5));

            // Seen from the root end of A's veth: A's requests come in, B's replies go out.
            assertThat(received.frames()).hasSize(10).allSatisfy(f -> {
                assertThat(icmpType(f)).isEqualTo(8);
                assertThat(f.dir).isEqualTo(Packet.DIR_IN);
            });
            assertThat(sent.frames()).hasSize(10).allSatisfy(f -> {
                assertThat(icmpType(f)).isEqualTo(0);
                assertThat(f.dir).isEqualTo(Packet.DIR_OUT);
            });
        }
    }

    @Test
    void tcpTransferIsSeenAsWireSizedFramesCarryingEveryByte() throws Exception {
        int bytes = 100_000;
        int port = 5201;
        CaptureOptions options = CaptureOptions.DEFAULTS.withFilter("tcp and host " + VethLab.ADDRESS_B
                + " and port " + port);
        try (LiveCaptureSource source = open(options, new PointTable())) {
            FrameCollector collector = new FrameCollector();
            CaptureThread capture = CaptureThread.start(source, collector);
            Process server = lab.startInNamespace(lab.nsB, "python3", "-u", "-c", String.join("\n",
                    "import socket",
                    "s = socket.socket()",
                    "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
                    "s.bind(('" + VethLab.ADDRESS_B + "', " + port + "))",
                    "s.listen(1)",
                    "s.settimeout(20)",
                    "print('ready', flush=True)",
                    "c, _ = s.accept()",
                    "c.settimeout(20)",
                    "n = 0",
                    "while True:",
                    "    b = c.recv(65536)",
                    "    if not b: break",
                    "    n += len(b)",
                    "c.close()",
                    "print(n, flush=True)"));
            try (BufferedReader serverOut = new BufferedReader(
                    new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(serverOut.readLine()).isEqualTo("ready");
                lab.inNamespace(lab.nsA, "python3", "-c", String.join("\n",
                        "import socket",
                        "c = socket.create_connection(('" + VethLab.ADDRESS_B + "', " + port + "), timeout=20)",
                        "c.sendall(b'z' * " + bytes + ")",
                        "c.close()"));
                assertThat(serverOut.readLine()).isEqualTo(String.valueOf(bytes));
                assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
            } finally {
                server.destroyForcibly();
            }
            Thread.sleep(300); // the last ACKs
            capture.stopAndJoin(Duration.ofSeconds(5));

            List<FrameCollector.Frame> frames = collector.frames();
            assertThat(frames).allSatisfy(f -> {
                assertThat(ipProto(f)).isEqualTo(6);
                assertThat(f.wireLen).isLessThanOrEqualTo(ETH + 1500);
            });
            assertThat(frames).anySatisfy(f -> assertThat(tcpFlags(f)).isEqualTo(0x02)); // SYN
            assertThat(frames).anySatisfy(f -> assertThat(tcpFlags(f)).isEqualTo(0x12)); // SYN+ACK
            assertThat(frames).anySatisfy(f -> assertThat(tcpFlags(f) & 0x01).isEqualTo(0x01)); // FIN

            // Payload from A to B, each sequence number counted once in case of a retransmission.
            Map<Long, Integer> payloadBySeq = new HashMap<>();
            for (FrameCollector.Frame f : frames) {
                if (ipv4Src(f).equals(VethLab.ADDRESS_A) && tcpPayloadLen(f) > 0) {
                    payloadBySeq.put(f.u32(ETH + ipHeaderLen(f) + 4), tcpPayloadLen(f));
                }
            }
            assertThat(payloadBySeq.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(bytes);
            assertThat(source.stats().frames()).isEqualTo(frames.size());
        }
    }

    /** The fields a decoded packet held during its callback. */
    private record Decoded(boolean ipv4, int src, int dst, int proto, int sport, int dport, int payloadLen, int len,
            int capLen, long ts, long tsMicros, int point) {
    }

    @Test
    void capturedFramesDecodeIntoPackets() throws Exception {
        int payload = 300;
        CaptureOptions options = CaptureOptions.DEFAULTS.withSnaplen(64)
                .withFilter("udp and dst host " + VethLab.ADDRESS_B + " and dst port 5003");
        try (LiveCaptureSource source = open(options, new PointTable())) {
            PacketDecoder decoder = new PacketDecoder();
            Packet p = new Packet();
            List<Decoded> decoded = new ArrayList<>();
            FrameCollector counter = new FrameCollector();
            CaptureThread capture = CaptureThread.start(source, frame -> {
                decoder.decode(frame, p);
                synchronized (decoded) {
                    decoded.add(new Decoded(p.isIpv4(), p.ip4Src, p.ip4Dst, p.ipProto, p.sport, p.dport,
                            p.payloadLen, p.len, p.capLen, p.ts, frame.tsMicros, p.point));
                }
                counter.onFrame(frame);
            });
            lab.inNamespace(lab.nsA, "python3", "-c", String.join("\n",
                    "import socket",
                    "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
                    "s.bind(('" + VethLab.ADDRESS_A + "', 40001))",
                    "for i in range(10):",
                    "    s.sendto(b'p' * " + payload + ", ('" + VethLab.ADDRESS_B + "', 5003))"));
            counter.awaitAtLeast(10, 5000);
            Thread.sleep(200);
            capture.stopAndJoin(Duration.ofSeconds(5));

            // The snap length cut every frame at 64 bytes; lengths come from the headers.
            assertThat(decoded).hasSize(10).allSatisfy(d -> {
                assertThat(d.ipv4()).isTrue();
                assertThat(d.src()).isEqualTo(IpAddresses.parseV4(VethLab.ADDRESS_A));
                assertThat(d.dst()).isEqualTo(IpAddresses.parseV4(VethLab.ADDRESS_B));
                assertThat(d.proto()).isEqualTo(17);
                assertThat(d.sport()).isEqualTo(40001);
                assertThat(d.dport()).isEqualTo(5003);
                assertThat(d.payloadLen()).isEqualTo(payload);
                assertThat(d.len()).isEqualTo(ETH + 20 + 8 + payload);
                assertThat(d.capLen()).isEqualTo(64);
                assertThat(d.ts()).isEqualTo(d.tsMicros());
                assertThat(d.point()).isEqualTo(source.point());
            });
            assertThat(decoder.stats().truncated()).isZero();
            assertThat(decoder.stats().malformed()).isZero();
        }
    }

    @Test
    void stopEndsAnIdleCapturePromptly() throws Exception {
        // Nothing in the lab sends to port 9: the loop sees no packet at all.
        try (LiveCaptureSource source = open(CaptureOptions.DEFAULTS.withFilter("udp port 9"), new PointTable())) {
            FrameCollector collector = new FrameCollector();
            CaptureThread capture = CaptureThread.start(source, collector);
            Thread.sleep(500);
            assertThat(capture.isAlive()).isTrue();
            Duration took = capture.stopAndJoin(Duration.ofSeconds(5));
            assertThat(took).isLessThan(Duration.ofSeconds(1));
            assertThat(capture.failure()).isNull();
            assertThat(collector.size()).isZero();
            assertThat(source.stats().droppedByCapture()).isZero();
        }
    }

    @Test
    void closeFromAnotherThreadEndsTheLoopAndReleasesTheHandle() throws Exception {
        LiveCaptureSource source = open(CaptureOptions.DEFAULTS.withFilter("udp port 9"), new PointTable());
        CaptureThread capture = CaptureThread.start(source, new FrameCollector());
        Thread.sleep(300);
        source.close();
        capture.join(Duration.ofSeconds(5));
        assertThat(capture.isAlive()).isFalse();
        assertThat(capture.failure()).isNull();
        source.close(); // twice is harmless
    }

    @Test
    void stopBeforeRunMakesRunReturnAtOnceAndRunIsSingleUse() throws Exception {
        try (LiveCaptureSource source = open(CaptureOptions.DEFAULTS.withFilter("udp port 9"), new PointTable())) {
            source.stop();
            long start = System.nanoTime();
            source.run(frame -> { });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThatThrownBy(() -> source.run(frame -> { }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("only once");
        }
    }

    @Test
    void aFailingHandlerEndsRunWithItsException() throws Exception {
        CaptureOptions options = CaptureOptions.DEFAULTS.withFilter("icmp and src host " + VethLab.ADDRESS_A);
        try (LiveCaptureSource source = open(options, new PointTable())) {
            IllegalStateException boom = new IllegalStateException("handler failed on purpose");
            int[] calls = new int[1];
            FrameHandler failing = frame -> {
                calls[0]++;
                throw boom;
            };
            CaptureThread capture = CaptureThread.start(source, failing);
            lab.inNamespace(lab.nsA, "ping", "-c", "3", "-i", "0.05", "-W", "2", VethLab.ADDRESS_B);
            capture.join(Duration.ofSeconds(5));
            assertThat(capture.isAlive()).isFalse();
            assertThat(capture.failure()).isSameAs(boom);
            assertThat(calls[0]).isEqualTo(1);
        }
    }

    @Test
    void anInvalidFilterIsReportedWithItsText() {
        String filter = "udp and and port 53";
        assertThatThrownBy(() -> open(CaptureOptions.DEFAULTS.withFilter(filter), new PointTable()))
                .isInstanceOfSatisfying(CaptureException.class, e -> {
                    assertThat(e.reason()).isEqualTo(CaptureException.Reason.BAD_FILTER);
                    assertThat(e.iface()).isEqualTo(lab.rootA);
                })
                .hasMessageContaining("\"" + filter + "\"")
                .hasMessageContaining(lab.rootA)
                .hasMessageContaining("syntax error");
    }

    // Raw IPv4-over-Ethernet reads; every frame here is untagged IPv4.

    private static int ipHeaderLen(FrameCollector.Frame f) {
        assertThat(f.u16(12)).isEqualTo(ETHERTYPE_IPV4);
        assertThat(f.u8(ETH) >> 4).isEqualTo(4);
        return (f.u8(ETH) & 0x0F) * 4;
    }

    private static int ipProto(FrameCollector.Frame f) {
        ipHeaderLen(f);
        return f.u8(ETH + 9);
    }

    private static String ipv4(FrameCollector.Frame f, int at) {
        ipHeaderLen(f);
        return f.u8(at) + "." + f.u8(at + 1) + "." + f.u8(at + 2) + "." + f.u8(at + 3);
    }

    private static String ipv4Src(FrameCollector.Frame f) {
        return ipv4(f, ETH + 12);
    }

    private static String ipv4Dst(FrameCollector.Frame f) {
        return ipv4(f, ETH + 16);
    }

    private static int icmpType(FrameCollector.Frame f) {
        assertThat(ipProto(f)).isEqualTo(1);
        return f.u8(ETH + ipHeaderLen(f));
    }

    private static int udpDstPort(FrameCollector.Frame f) {
        assertThat(ipProto(f)).isEqualTo(17);
        return f.u16(ETH + ipHeaderLen(f) + 2);
    }

    private static int tcpFlags(FrameCollector.Frame f) {
        return f.u8(ETH + ipHeaderLen(f) + 13);
    }

    private static int tcpPayloadLen(FrameCollector.Frame f) {
        int ipLen = ipHeaderLen(f);
        int tcpLen = (f.u8(ETH + ipLen + 12) >> 4) * 4;
        return f.u16(ETH + 2) - ipLen - tcpLen;
    }
}
