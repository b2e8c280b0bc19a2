package org.intstream.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;
import org.intstream.engine.exec.Engine;
import org.intstream.engine.exec.EngineConfig;
import org.intstream.engine.packet.Packet;
import org.intstream.engine.packet.PacketDecoder;
import org.intstream.engine.packet.PointTable;
import org.intstream.engine.sketch.SketchValue;
import org.intstream.engine.source.PcapReader;
import org.intstream.engine.source.RawFrame;
import org.intstream.engine.tcp.TcpAnalyzer;
import org.intstream.engine.tcp.TcpFacts;
import org.intstream.query.QueryDefinition;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.standalone.run.QueryLoader;

/**
 * Digests of what the engine computes over {@link EngineBench}'s trace, to check that a change made for speed
 * left every result alone: a CRC of every output batch of all shipped queries running together (window,
 * rows, notes, sketch cells), and a CRC of every packet's TCP facts (also with a small connection cap, so that
 * eviction runs). Run it on the build before and after a change; the lines must be equal.
 *
 * <pre>
 *   java -cp tests/target/benchmarks.jar org.intstream.bench.EngineDigest
 * </pre>
 */
public final class EngineDigest {
    private EngineDigest() {
    }

    public static void main(String[] args) throws IOException {
        Path capture = Path.of("queries/demo/demo.pcap");
        if (!capture.toFile().exists()) {
            capture = Path.of("..").resolve(capture);
        }
        for (long rate : new long[] {1_500_000, 0}) {
            byte[] trace = EngineBench.repeated(capture, EngineBench.PACKETS, rate);
            String timing = rate == 0 ? "capture" : String.valueOf(rate);
            System.out.println(timing + " outputs " + outputs(trace));
            for (int cap : new int[] {1_000_000, 40}) {
                System.out.println(timing + " tcp facts, at most " + cap + " connections: " + facts(trace, cap));
            }
        }
    }

    private static String outputs(byte[] trace) throws IOException {
        QueryLoader loader = new QueryLoader();
        for (String q : QueryLoader.SHIPPED) {
            loader.load(q);
        }
        Engine engine = new Engine(FunctionRegistry.builtins(), EngineConfig.defaults(), new PointTable());
        for (QueryDefinition q : loader.queries()) {
            engine.register(q, Map.of());
        }
        CRC32 crc = new CRC32();
        long[] counts = new long[2];
        engine.addSink((info, batch) -> {
            StringBuilder sb = new StringBuilder();
            sb.append(info.output()).append('|').append(batch.start).append('|').append(batch.end).append('|')
                    .append(batch.approximate).append(batch.notes);
            for (Object[] row : batch.rows) {
                for (Object v : row) {
                    if (v instanceof SketchValue) {
                        SketchValue s = (SketchValue) v;
                        sb.append(s.total()).append(Arrays.deepToString(s.cells()));
                    } else {
                        sb.append(v);
                    }
                    sb.append('|');
                }
                sb.append('\n');
                counts[1]++;
            }
            counts[0]++;
            crc.update(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });
        RawFrame frame = new RawFrame();
        try (PcapReader reader = PcapReader.fromBytes("bench", trace)) {
            while (reader.next(frame)) {
                engine.onFrame(frame);
            }
        }
        engine.finish();
        return String.format("crc %08x, %d batches, %d rows", crc.getValue(), counts[0], counts[1]);
    }

    private static String facts(byte[] trace, int maxConnections) throws IOException {
        TcpAnalyzer analyzer = new TcpAnalyzer(maxConnections);
        TcpFacts f = new TcpFacts();
        PacketDecoder decoder = new PacketDecoder();
        Packet p = new Packet();
        RawFrame frame = new RawFrame();
        CRC32 crc = new CRC32();
        ByteBuffer b = ByteBuffer.allocate(64);
        long retransmissions = 0;
        long samples = 0;
        try (PcapReader reader = PcapReader.fromBytes("bench", trace)) {
            while (reader.next(frame)) {
                decoder.decode(frame, p);
                analyzer.analyze(p, f);
                b.clear();
                b.put((byte) ((f.tcp ? 1 : 0) | (f.retransmission ? 2 : 0) | (f.hasAckRtt ? 4 : 0)
                        | (f.hasKarnRtt ? 8 : 0) | (f.handshake ? 16 : 0) | (f.hasRoles ? 32 : 0)));
                if (f.hasAckRtt) {
                    b.putLong(f.ackRttMicros);
                }
                if (f.hasRoles) {
                    b.putLong(f.clientHi).putLong(f.clientLo).putInt(f.clientPort).putLong(f.serverHi)
                            .putLong(f.serverLo).putInt(f.serverPort);
                }
                crc.update(b.array(), 0, b.position());
                retransmissions += f.retransmission ? 1 : 0;
                samples += f.hasKarnRtt ? 1 : 0;
            }
        }
        return String.format("crc %08x, %d retransmissions, %d Karn samples, %d evicted", crc.getValue(),
                retransmissions, samples, analyzer.evictedConnections());
    }
}
