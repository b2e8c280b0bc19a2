package org.intstream.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.intstream.engine.packet.Packet;
import org.intstream.engine.packet.PacketDecoder;
import org.intstream.engine.source.PcapReader;
import org.intstream.engine.source.RawFrame;
import org.intstream.engine.source.TraceReader;
import org.intstream.engine.source.TraceReaders;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Pure-Java pcap reading on one thread, over a trace of {@link #PACKETS} packets held in memory: the
 * packets of a real capture (a committed test capture, by default the IPv4 mix of TCP, UDP, ICMP and ARP)
 * repeated with rising timestamps. Scores are packets per second.
 *
 * <pre>
 *   mvn -B -Pbench -pl tests -am -DskipTests package
 *   java -jar tests/target/benchmarks.jar PcapReader -wi 3 -i 5 -f 1
 * </pre>
 * Run from the repository root, or pass {@code -p capture=/path/to/a.pcap}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class PcapReaderBench {
    static final int PACKETS = 1_000_000;

    @Param({"stream-engine/src/test/resources/pcaps/ipv4.pcap"})
    public String capture;

    private byte[] trace;
    private Path traceFile;
    private final RawFrame frame = new RawFrame();
    private final Packet packet = new Packet();
    private final PacketDecoder decoder = new PacketDecoder();

    @Setup(Level.Trial)
    public void buildTrace() throws IOException {
        Path source = Path.of(capture);
        if (!Files.exists(source) && Files.exists(Path.of("..").resolve(capture))) {
            source = Path.of("..").resolve(capture);
        }
        List<byte[]> packets = new ArrayList<>();
        List<Integer> wireLengths = new ArrayList<>();
        int linkType;
        try (TraceReader reader = TraceReaders.open(source)) {
            RawFrame f = new RawFrame();
            linkType = -1;
            while (reader.next(f)) {
                packets.add(Arrays.copyOfRange(f.data, f.offset, f.offset + f.capLen));
                wireLengths.add(f.wireLen);
                linkType = f.linkType;
            }
        }
        if (packets.isEmpty()) {
            throw new IllegalStateException(source + " has no packets");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(PACKETS * 128);
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(PcapReader.MAGIC_MICROS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(262144).putInt(linkType);
        out.write(header.array(), 0, 24);
        ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        long ts = 1_700_000_000_000_000L;
        for (int i = 0; i < PACKETS; i++) {
            byte[] data = packets.get(i % packets.size());
            ts += 7;
            record.clear();
            record.putInt((int) (ts / 1_000_000)).putInt((int) (ts % 1_000_000)).putInt(data.length)
                    .putInt(wireLengths.get(i % packets.size()));
            out.write(record.array(), 0, 16);
            out.write(data, 0, data.length);
        }
        trace = out.toByteArray();
        traceFile = Files.createTempFile("pcap-reader-bench", ".pcap");
        traceFile.toFile().deleteOnExit();
        Files.write(traceFile, trace);
    }

    /** Frames only: record headers checked, frames handed out in place. */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long readerOnly() throws IOException {
        long bytes = 0;
        try (PcapReader reader = PcapReader.fromBytes("bench", trace)) {
            while (reader.next(frame)) {
                bytes += frame.wireLen;
            }
        }
        return bytes;
    }

    /** Frames read from a file through the reader's file channel and buffer (page cache warm). */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long readerFromFile() throws IOException {
        long bytes = 0;
        try (PcapReader reader = PcapReader.open(traceFile)) {
            while (reader.next(frame)) {
                bytes += frame.wireLen;
            }
        }
        return bytes;
    }

    /** Frames and their decoding into header fields. */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long readerAndDecode() throws IOException {
        long sum = 0;
        try (PcapReader reader = PcapReader.fromBytes("bench", trace)) {
            while (reader.next(frame)) {
                decoder.decode(frame, packet);
                sum += packet.present + packet.sport + packet.ip4Src;
            }
        }
        return sum;
    }
}
