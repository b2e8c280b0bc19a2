package org.intstream.tests.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.intstream.engine.packet.Packet;
import org.intstream.engine.packet.PacketDecoder;
import org.intstream.engine.source.RawFrame;
import org.intstream.engine.source.TraceReader;
import org.intstream.engine.source.TraceReaders;
import org.intstream.engine.tcp.TcpAnalyzer;
import org.intstream.engine.tcp.TcpFacts;
import org.intstream.tests.TraceRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine's TCP analysis frame by frame against tshark's ({@code tcp.analysis.retransmission} and
 * {@code tcp.analysis.ack_rtt}), on real captures and on a crafted trace that walks through every case
 * (retransmission, fast and spurious retransmission, out of order, keep-alive, cumulative and partial ACKs).
 * Exports made by tests/oracle/export-tcp-analysis.sh.
 */
class TcpAnalysisTsharkTest {

    @ParameterizedTest
    @ValueSource(strings = {"tcp-semantics", "iperf-loss", "iperf-clean", "web-loops", "slowloris", "busy-server",
        "ssh-brute", "hping-flood-rst", "nmap-connect-slow"})
    void agreesWithTsharkOnEveryFrame(String trace) throws Exception {
        Path pcap = "tcp-semantics".equals(trace)
                ? TraceRun.ROOT.resolve("stream-engine/src/test/resources/tcp/tcp-semantics.pcap")
                : TraceRun.TRACES.resolve(trace + ".pcap");
        Path csv = "tcp-semantics".equals(trace)
                ? TraceRun.ROOT.resolve("stream-engine/src/test/resources/tcp/tcp-semantics.csv")
                : TraceRun.ROOT.resolve("tests/src/test/resources/tcp-analysis/" + trace + ".csv");
        List<String> expected = Files.readAllLines(csv);
        List<String> actual = new ArrayList<>();
        List<String> want = new ArrayList<>();
        PacketDecoder decoder = new PacketDecoder();
        Packet p = new Packet();
        TcpFacts facts = new TcpFacts();
        TcpAnalyzer analyzer = new TcpAnalyzer();
        int retransmissions = 0;
        int samples = 0;
        try (TraceReader reader = TraceReaders.open(pcap)) {
            RawFrame f = new RawFrame();
            int n = 0;
            while (reader.next(f)) {
                n++;
                decoder.decode(f, p);
                analyzer.analyze(p, facts);
                actual.add(n + "," + (facts.retransmission ? "1" : "") + "," + (facts.hasAckRtt ? facts.ackRttMicros : ""));
                String[] cells = expected.get(n).split(",", -1);
                String rtt = cells[2].isEmpty() ? "" : new BigDecimal(cells[2]).movePointRight(6)
                        .setScale(0, java.math.RoundingMode.HALF_UP).toPlainString();
                want.add(cells[0] + "," + cells[1] + "," + rtt);
                retransmissions += cells[1].isEmpty() ? 0 : 1;
                samples += rtt.isEmpty() ? 0 : 1;
            }
        }
        assertThat(actual).hasSize(expected.size() - 1);
        assertThat(actual).containsExactlyElementsOf(want);
        assertThat(samples).as("the trace has RTT samples to compare").isPositive();
        if ("iperf-loss".equals(trace) || "tcp-semantics".equals(trace)) {
            assertThat(retransmissions).as("the trace has retransmissions to compare").isPositive();
        }
    }
}
