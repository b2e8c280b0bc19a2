package org.intstream.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.intstream.engine.source.TestCaptures.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TraceReadersTest {
    @TempDir
    Path temp;

    static Stream<String> captures() {
        return Stream.concat(TestCaptures.MADE.stream(), TestCaptures.PUBLIC.stream());
    }

    @ParameterizedTest
    @MethodSource("captures")
    void detectsTheFormatFromAFileAStreamAndMemory(String name) throws IOException {
        List<Frame> fromFile = TestCaptures.readAll(name);
        long tsharkFrames = Files.readAllLines(TestCaptures.tsharkExport(name)).size() - 1;
        assertThat(fromFile).hasSize((int) tsharkFrames);
        byte[] bytes = TestCaptures.bytes(name);
        try (TraceReader reader = TraceReaders.open(name, new ByteArrayInputStream(bytes))) {
            assertThat(TestCaptures.readAll(reader)).isEqualTo(fromFile);
        }
        assertThat(TestCaptures.readAll(TraceReaders.open(name, bytes))).isEqualTo(fromFile);
        assertThat(TestCaptures.readAll(TraceReaders.open(name, ByteBuffer.wrap(bytes)))).isEqualTo(fromFile);
        assertThat(TraceReaders.open(name, bytes)).isInstanceOf(
                name.endsWith(".pcapng") ? PcapngReader.class : PcapReader.class);
    }

    @ParameterizedTest
    @MethodSource("captures")
    void readsGzipCompressedCaptures(String name) throws IOException {
        List<Frame> expected = TestCaptures.readAll(name);
        byte[] gzip = gzip(TestCaptures.bytes(name));
        Path file = temp.resolve("trace.gz");
        Files.write(file, gzip);
        try (TraceReader reader = TraceReaders.open(file)) {
            assertThat(reader.name()).isEqualTo(file.toString());
            assertThat(TestCaptures.readAll(reader)).isEqualTo(expected);
        }
        try (TraceReader reader = TraceReaders.open("stdin", new ByteArrayInputStream(gzip))) {
            assertThat(TestCaptures.readAll(reader)).isEqualTo(expected);
        }
        assertThat(TestCaptures.readAll(TraceReaders.open("memory", gzip))).isEqualTo(expected);
    }

    @Test
    void truncatedGzipDeliversTheFramesBeforeTheCut() throws IOException {
        List<Frame> all = TestCaptures.readAll("fragments.pcap");
        byte[] gzip = gzip(TestCaptures.bytes("fragments.pcap"));
        byte[] cut = Arrays.copyOf(gzip, gzip.length * 2 / 3);
        List<Frame> frames = new ArrayList<>();
        assertThatThrownBy(() -> TestCaptures.readAll(TraceReaders.open("cut.gz", new ByteArrayInputStream(cut)),
                frames)).isInstanceOfSatisfying(TraceFormatException.class, e -> {
                    assertThat(e.isTruncation()).isTrue();
                    assertThat(e.framesBefore()).isEqualTo(frames.size());
                    assertThat(e.getMessage()).startsWith("cut.gz: ");
                });
        assertThat(frames).isNotEmpty().isEqualTo(all.subList(0, frames.size()));
    }

    @Test
    void refusesWhatIsNoCapture() throws IOException {
        Path text = temp.resolve("notes.txt");
        Files.writeString(text, "hello, this is no capture\n");
        assertThatThrownBy(() -> TraceReaders.open(text))
                .isInstanceOfSatisfying(TraceFormatException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TraceFormatException.Kind.NOT_A_TRACE);
                    assertThat(e.byteOffset()).isZero();
                })
                .hasMessageContaining(text.toString())
                .hasMessageContaining("neither pcap nor pcapng")
                .hasMessageContaining("68 65 6c 6c 6f")
                .hasMessageContaining("\"hello, this is n");
        Path malformed = TestCaptures.path("public/malformed.pcap");
        assertThatThrownBy(() -> TraceReaders.open(malformed))
                .isInstanceOfSatisfying(TraceFormatException.class,
                        e -> assertThat(e.kind()).isEqualTo(TraceFormatException.Kind.NOT_A_TRACE))
                .hasMessageContaining(malformed.toString()).hasMessageContaining("74 68 69 73");
        Path empty = temp.resolve("empty.pcap");
        Files.write(empty, new byte[0]);
        assertThatThrownBy(() -> TraceReaders.open(empty)).isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("empty.pcap: file is empty");
        Path tiny = temp.resolve("tiny.pcap");
        Files.write(tiny, new byte[] {(byte) 0xd4, (byte) 0xc3});
        assertThatThrownBy(() -> TraceReaders.open(tiny)).isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("too short for a capture file (2 bytes: d4 c3)");
        assertThatThrownBy(() -> TraceReaders.open("gzip of text",
                gzip("plain text, compressed".getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(TraceFormatException.class).hasMessageContaining("\"plain text, comp");
        byte[] badMethod = {0x1f, (byte) 0x8b, 0x07, 0x00, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4};
        assertThatThrownBy(() -> TraceReaders.open("method.gz", badMethod)).isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("method.gz: gzip header is corrupt");
        byte[] badBlock = {0x1f, (byte) 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 0, 7, 7, 7, 7, 7, 7};
        assertThatThrownBy(() -> TraceReaders.open("block.gz", new ByteArrayInputStream(badBlock)))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("block.gz: compressed data is corrupt").hasMessageContaining("after 0 good frames");
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
