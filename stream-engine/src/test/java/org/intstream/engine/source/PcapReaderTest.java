package org.intstream.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.intstream.engine.packet.LinkTypes;
import org.intstream.engine.source.TestCaptures.Frame;
import org.junit.jupiter.api.Test;

class PcapReaderTest {

    @Test
    void readsHeaderOfTcpdumpCaptures() throws IOException {
        try (PcapReader reader = PcapReader.open(TestCaptures.path("snap64.pcap"))) {
            assertThat(reader.snapLen()).isEqualTo(64);
            assertThat(reader.linkType()).isEqualTo(LinkTypes.ETHERNET);
            assertThat(reader.isNanosecond()).isFalse();
            assertThat(reader.isBigEndian()).isFalse();
            assertThat(reader.version()).isEqualTo("2.4");
        }
        try (PcapReader reader = PcapReader.open(TestCaptures.path("nano.pcap"))) {
            assertThat(reader.isNanosecond()).isTrue();
        }
        try (PcapReader reader = PcapReader.open(TestCaptures.path("rawip.pcap"))) {
            assertThat(reader.linkType()).isEqualTo(LinkTypes.RAW);
        }
        try (PcapReader reader = PcapReader.open(TestCaptures.path("sll2.pcap"))) {
            assertThat(reader.linkType()).isEqualTo(LinkTypes.LINUX_SLL2);
        }
    }

    @Test
    void bigEndianTwinReadsLikeLittleEndianOriginal() throws IOException {
        List<Frame> little = TestCaptures.readAll("ipv4.pcap");
        List<Frame> big = TestCaptures.readAll("ipv4-be.pcap");
        assertThat(little).hasSizeGreaterThan(20);
        assertThat(big).isEqualTo(little);
        try (PcapReader reader = PcapReader.open(TestCaptures.path("ipv4-be.pcap"))) {
            assertThat(reader.isBigEndian()).isTrue();
        }
    }

    @Test
    void nanosecondTimestampsAreFlooredToMicroseconds() throws IOException {
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            byte[] pcap = new PcapBuilder(order, true, 65535, 1)
                    .record(1_700_000_000L, 999, PcapBuilder.payload(20, 0), 20)
                    .record(1_700_000_000L, 1_999, PcapBuilder.payload(20, 0), 60)
                    .record(4_000_000_000L, 999_999_999, PcapBuilder.payload(20, 0), 20)
                    .bytes();
            List<Frame> frames = TestCaptures.readAll(PcapReader.fromBytes("nanos", pcap));
            assertThat(frames).extracting(Frame::tsMicros)
                    .containsExactly(1_700_000_000_000_000L, 1_700_000_000_000_001L, 4_000_000_000_999_999L);
            assertThat(frames).extracting(Frame::wireLen).containsExactly(20, 60, 20);
            assertThat(frames).extracting(Frame::capLen).containsExactly(20, 20, 20);
        }
    }

    @Test
    void everyInputKindDeliversTheSameFrames() throws IOException {
        String name = "fragments.pcap";
        byte[] bytes = TestCaptures.bytes(name);
        List<Frame> fromFile = TestCaptures.readAll(PcapReader.open(TestCaptures.path(name)));
        assertThat(fromFile).hasSize(25);
        assertThat(TestCaptures.readAll(PcapReader.fromStream(name, Files.newInputStream(TestCaptures.path(name)))))
                .isEqualTo(fromFile);
        assertThat(TestCaptures.readAll(PcapReader.fromBytes(name, bytes))).isEqualTo(fromFile);
        assertThat(TestCaptures.readAll(PcapReader.fromBuffer(name, ByteBuffer.wrap(bytes)))).isEqualTo(fromFile);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        assertThat(TestCaptures.readAll(PcapReader.fromBuffer(name, direct))).isEqualTo(fromFile);
        byte[] shifted = new byte[bytes.length + 7];
        System.arraycopy(bytes, 0, shifted, 7, bytes.length);
        assertThat(TestCaptures.readAll(PcapReader.fromBuffer(name, ByteBuffer.wrap(shifted, 7, bytes.length).slice())))
                .isEqualTo(fromFile);
    }

    @Test
    void smallBufferAndDribblingStreamStillDeliverEveryFrame() throws IOException {
        // Records of 1514 bytes through a 64-byte buffer fed a few bytes at a time: refills, moves and growth.
        String name = "fragments.pcap";
        List<Frame> expected = TestCaptures.readAll(name);
        InputStream dribble = new Dribble(new ByteArrayInputStream(TestCaptures.bytes(name)), new Random(7));
        PcapReader reader = PcapReader.start(new PcapReader(TraceInput.ofStream(name, dribble, 64)));
        assertThat(TestCaptures.readAll(reader)).isEqualTo(expected);
    }

    @Test
    void framesAreNumberedAndStampedWithThePoint() throws IOException {
        try (PcapReader reader = PcapReader.open(TestCaptures.path("ipv4.pcap"))) {
            reader.setPoint(42);
            RawFrame frame = new RawFrame();
            for (int i = 1; i <= 3; i++) {
                assertThat(reader.next(frame)).isTrue();
                assertThat(frame.index).isEqualTo(i);
                assertThat(frame.point).isEqualTo(42);
                assertThat(frame.dir).isEqualTo(-1);
                assertThat(frame.linkType).isEqualTo(LinkTypes.ETHERNET);
            }
            assertThat(reader.framesRead()).isEqualTo(3);
        }
    }

    @Test
    void statsCountFramesAndWireBytes() throws IOException {
        List<Frame> frames = TestCaptures.readAll("ipv4.pcap");
        try (PcapReader reader = PcapReader.open(TestCaptures.path("ipv4.pcap"))) {
            List<Frame> seen = new ArrayList<>();
            reader.run(frame -> seen.add(Frame.of(frame)));
            assertThat(seen).isEqualTo(frames);
            assertThat(reader.stats().frames()).isEqualTo(frames.size());
            assertThat(reader.stats().bytes()).isEqualTo(frames.stream().mapToLong(Frame::wireLen).sum());
        }
    }

    @Test
    void stopEndsRunEarly() throws IOException {
        try (PcapReader reader = PcapReader.open(TestCaptures.path("ipv4.pcap"))) {
            List<Long> seen = new ArrayList<>();
            reader.run(frame -> {
                seen.add(frame.index);
                if (frame.index == 5) {
                    reader.stop();
                }
            });
            assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(reader.stopRequested()).isTrue();
        }
    }

    @Test
    void includedLengthAboveSnapLengthIsDamageAfterTheGoodFrames() throws IOException {
        byte[] pcap = new PcapBuilder(ByteOrder.LITTLE_ENDIAN, false, 100, 1)
                .record(1, 0, PcapBuilder.payload(60, 1), 60)
                .record(2, 0, PcapBuilder.payload(100, 2), 1500)
                .record(3, 0, 101, 1500, PcapBuilder.payload(101, 3))
                .bytes();
        PcapReader reader = PcapReader.fromBytes("snap.pcap", pcap);
        List<Frame> frames = new ArrayList<>();
        assertThatThrownBy(() -> TestCaptures.readAll(reader, frames))
                .isInstanceOfSatisfying(TraceFormatException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TraceFormatException.Kind.DAMAGED);
                    assertThat(e.byteOffset()).isEqualTo(24 + 16 + 60 + 16 + 100);
                    assertThat(e.framesBefore()).isEqualTo(2);
                    assertThat(e.source()).isEqualTo("snap.pcap");
                    assertThat(e.getMessage()).contains("snap.pcap", "included length 101",
                            "snapshot length 100", "at byte 216", "after 2 good frames");
                });
        assertThat(frames).extracting(Frame::tsMicros).containsExactly(1_000_000L, 2_000_000L);
        // The damage is reported again, never skipped over.
        assertThatThrownBy(() -> reader.next(new RawFrame())).isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("at byte 216");
    }

    @Test
    void impossibleLengthsAreDamage() {
        byte[] good = PcapBuilder.payload(40, 0);
        assertDamage(PcapBuilder.ethernet().record(1, 0, good, 40).record(1, 0, 40, 39, good).bytes(),
                "included length 40 exceeds its original length 39");
        assertDamage(PcapBuilder.ethernet().record(1, 0, good, 40).record(1, 0, 0x80000000, 40, good).bytes(),
                "included length 2147483648");
        assertDamage(PcapBuilder.ethernet().record(1, 0, good, 40).record(1, 0, 40, -2, good).bytes(),
                "original length 4294967294 is absurd");
        // Snap length 0 in the header: the sanity limit applies.
        assertDamage(new PcapBuilder(ByteOrder.BIG_ENDIAN, false, 0, 1).record(1, 0, good, 40)
                .record(1, 0, PcapReader.MAX_RECORD + 1, PcapReader.MAX_RECORD + 1, good).bytes(), "limit of");
    }

    private static void assertDamage(byte[] pcap, String reason) {
        List<Frame> frames = new ArrayList<>();
        assertThatThrownBy(() -> TestCaptures.readAll(PcapReader.fromBytes("bad.pcap", pcap), frames))
                .isInstanceOfSatisfying(TraceFormatException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TraceFormatException.Kind.DAMAGED);
                    assertThat(e.byteOffset()).isEqualTo(24 + 16 + 40);
                    assertThat(e.framesBefore()).isEqualTo(1);
                    assertThat(e.reason()).contains(reason);
                });
        assertThat(frames).hasSize(1);
    }

    @Test
    void traceEndingMidRecordIsATruncation() throws IOException {
        byte[] whole = PcapBuilder.ethernet().record(1, 0, PcapBuilder.payload(50, 0), 50)
                .record(2, 0, PcapBuilder.payload(50, 0), 50).bytes();
        int secondRecord = 24 + 16 + 50;
        for (int cut : new int[] {secondRecord + 3, secondRecord + 16, secondRecord + 40}) {
            byte[] cutShort = java.util.Arrays.copyOf(whole, cut);
            List<Frame> frames = new ArrayList<>();
            assertThatThrownBy(() -> TestCaptures.readAll(PcapReader.fromBytes("cut.pcap", cutShort), frames))
                    .isInstanceOfSatisfying(TraceFormatException.class, e -> {
                        assertThat(e.isTruncation()).isTrue();
                        assertThat(e.byteOffset()).isEqualTo(secondRecord);
                        assertThat(e.framesBefore()).isEqualTo(1);
                        assertThat(e.getMessage()).contains("ends mid-record");
                    });
            assertThat(frames).hasSize(1);
        }
    }

    @Test
    void badFileHeaders() {
        assertThatThrownBy(() -> PcapReader.fromBytes("empty.pcap", new byte[0]))
                .isInstanceOfSatisfying(TraceFormatException.class,
                        e -> assertThat(e.kind()).isEqualTo(TraceFormatException.Kind.NOT_A_TRACE))
                .hasMessageContaining("empty");
        byte[] header = PcapBuilder.ethernet().bytes();
        assertThatThrownBy(() -> PcapReader.fromBytes("short.pcap", java.util.Arrays.copyOf(header, 10)))
                .isInstanceOfSatisfying(TraceFormatException.class,
                        e -> assertThat(e.kind()).isEqualTo(TraceFormatException.Kind.TRUNCATED))
                .hasMessageContaining("10 of 24 bytes");
        byte[] version3 = header.clone();
        version3[4] = 3;
        assertThatThrownBy(() -> PcapReader.fromBytes("v3.pcap", version3))
                .isInstanceOfSatisfying(TraceFormatException.class,
                        e -> assertThat(e.kind()).isEqualTo(TraceFormatException.Kind.DAMAGED))
                .hasMessageContaining("unsupported pcap version 3.4");
        assertThatThrownBy(() -> PcapReader.open(TestCaptures.path("dumpcap.pcapng")))
                .isInstanceOf(TraceFormatException.class).hasMessageContaining("not a pcap file: first bytes 0a 0d 0d 0a");
    }

    /** Hands out a random 1 to 7 bytes per read, as a pipe might. */
    static final class Dribble extends FilterInputStream {
        private final Random random;

        Dribble(InputStream in, Random random) {
            super(in);
            this.random = random;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1 + random.nextInt(7)));
        }
    }
}
