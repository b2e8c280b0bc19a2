package org.intstream.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

import org.intstream.engine.packet.LinkTypes;
import org.intstream.engine.packet.Packet;
import org.intstream.engine.source.TestCaptures.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PcapngReaderTest {
    private static final byte[] P1 = PcapBuilder.payload(21, 1);
    private static final byte[] P2 = PcapBuilder.payload(64, 2);

    @Test
    void readsDumpcapCaptureWithTwoInterfaces() throws IOException {
        try (PcapngReader reader = PcapngReader.open(TestCaptures.path("dumpcap.pcapng"))) {
            List<Frame> frames = TestCaptures.readAll(reader);
            assertThat(frames).hasSize(25);
            assertThat(reader.sections()).isEqualTo(1);
            assertThat(reader.interfaceCount()).isEqualTo(2);
            assertThat(reader.linkType(0)).isEqualTo(LinkTypes.ETHERNET);
            assertThat(reader.linkType(1)).isEqualTo(LinkTypes.ETHERNET);
            assertThat(frames).extracting(Frame::linkType).containsOnly(LinkTypes.ETHERNET);
            assertThat(frames).extracting(Frame::tsMicros).isSorted();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"LITTLE_ENDIAN", "BIG_ENDIAN"})
    void timestampResolutionsAndOffsets(String orderName) throws IOException {
        ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        byte[] file = new PcapngBuilder(order)
                .iface(LinkTypes.ETHERNET, 0, null, null)                 // default: microseconds
                .iface(LinkTypes.RAW, 65535, 9, null)                     // nanoseconds
                .iface(LinkTypes.LINUX_SLL, 65535, 0x80 | 20, null)       // 2^-20 s
                .iface(LinkTypes.ETHERNET, 65535, 3, 100L)                // milliseconds, 100 s later
                .iface(LinkTypes.ETHERNET, 65535, 0x80 | 60, null)        // 2^-60 s: the 128-bit path
                .epb(0, 1_700_000_000_123_456L, P1, 21)
                .epb(1, 1_700_000_000_123_456_789L, P1, 21)
                .epb(2, (5L << 20) | (1L << 19), P1, 21)
                .epb(3, 1_700_000_000_123L, P1, 21)
                .epb(4, (3L << 60) | (1L << 58), P1, 21)
                .bytes();
        try (PcapngReader reader = PcapngReader.fromBytes("resolutions", file)) {
            List<Frame> frames = TestCaptures.readAll(reader);
            assertThat(frames).extracting(Frame::tsMicros).containsExactly(1_700_000_000_123_456L,
                    1_700_000_000_123_456L, 5_500_000L, 1_700_000_100_123_000L, 3_250_000L);
            assertThat(frames).extracting(Frame::linkType).containsExactly(LinkTypes.ETHERNET, LinkTypes.RAW,
                    LinkTypes.LINUX_SLL, LinkTypes.ETHERNET, LinkTypes.ETHERNET);
            assertThat(frames).extracting(Frame::hex).containsOnly(HexFormat.of().formatHex(P1));
        }
    }

    @Test
    void simpleAndObsoletePacketBlocks() throws IOException {
        byte[] file = new PcapngBuilder(ByteOrder.LITTLE_ENDIAN)
                .iface(LinkTypes.ETHERNET, 40, null, null)
                .obsoletePacket(0, 2_000_000L, java.util.Arrays.copyOf(P2, 40), 64)
                .spb(java.util.Arrays.copyOf(P2, 40), 64)   // cut to the snap length of 40
                .spb(P1, 21)
                .bytes();
        List<Frame> frames = TestCaptures.readAll(PcapngReader.fromBytes("simple", file));
        assertThat(frames).extracting(Frame::capLen).containsExactly(40, 40, 21);
        assertThat(frames).extracting(Frame::wireLen).containsExactly(64, 64, 21);
        // Simple packet blocks have no timestamp of their own: they carry the previous packet's.
        assertThat(frames).extracting(Frame::tsMicros).containsExactly(2_000_000L, 2_000_000L, 2_000_000L);
        assertThat(frames.get(2).hex()).isEqualTo(HexFormat.of().formatHex(P1));
    }

    @Test
    void otherBlocksAreSkippedAndSectionsRestartInterfaces() throws IOException {
        byte[] file = new PcapngBuilder(ByteOrder.LITTLE_ENDIAN)
                .block(0x00000004, PcapBuilder.payload(13, 0))            // name resolution
                .iface(LinkTypes.ETHERNET, 0, null, null)
                .epb(0, 1L, P1, 21)
                .block(0x00000005, PcapBuilder.payload(28, 0))            // interface statistics
                .block(0x0000000A, PcapBuilder.payload(9, 0))             // decryption secrets
                .block(0x00000BAD, PcapBuilder.payload(17, 0))            // custom, may be copied
                .block(0x40000BAD, PcapBuilder.payload(4, 0))             // custom, must not be copied
                .block(0x7FFF1234, new byte[0])                           // unknown
                .section(ByteOrder.BIG_ENDIAN)
                .iface(LinkTypes.RAW, 0, null, null)
                .epb(0, 2L, P2, 64)
                .section(ByteOrder.LITTLE_ENDIAN)
                .iface(LinkTypes.LINUX_SLL2, 0, null, null)
                .epb(0, 3L, P1, 21)
                .bytes();
        try (PcapngReader reader = PcapngReader.fromBytes("sections", file)) {
            List<Frame> frames = TestCaptures.readAll(reader);
            assertThat(frames).extracting(Frame::tsMicros).containsExactly(1L, 2L, 3L);
            assertThat(frames).extracting(Frame::linkType)
                    .containsExactly(LinkTypes.ETHERNET, LinkTypes.RAW, LinkTypes.LINUX_SLL2);
            assertThat(reader.sections()).isEqualTo(3);
        }
    }

    @Test
    void enhancedPacketFlagsGiveTheDirection() throws IOException {
        byte[] file = new PcapngBuilder(ByteOrder.BIG_ENDIAN)
                .iface(LinkTypes.ETHERNET, 0, null, null)
                .epb(0, 1L, P1, 21, 21, 1)
                .epb(0, 2L, P1, 21, 21, 2)
                .epb(0, 3L, P1, 21, 21, 0)
                .epb(0, 4L, P1, 21, 21, null)
                .bytes();
        assertThat(TestCaptures.readAll(PcapngReader.fromBytes("flags", file))).extracting(Frame::dir)
                .containsExactly(Packet.DIR_IN, Packet.DIR_OUT, -1, -1);
    }

    @Test
    void unknownAndCustomBlocksBetweenEveryBlockOfARealCaptureChangeNothing() throws IOException {
        byte[] original = TestCaptures.bytes("dumpcap.pcapng");
        List<Frame> expected = TestCaptures.readAll("dumpcap.pcapng");
        byte[] unknown = block(0x7FFF0001, PcapBuilder.payload(10, 9));
        byte[] custom = block(0x00000BAD, PcapBuilder.payload(23, 5));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int p = 0;
        while (p < original.length) {
            int length = ByteBuffer.wrap(original, p + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            out.write(original, p, length);
            out.writeBytes(unknown);
            out.writeBytes(custom);
            p += length;
        }
        assertThat(TestCaptures.readAll(PcapngReader.fromBytes("padded", out.toByteArray()))).isEqualTo(expected);
    }

    private static byte[] block(int type, byte[] body) {
        int total = 12 + PcapngBuilder.padded(body.length);
        return ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN).putInt(type).putInt(total).put(body)
                .putInt(total - 4, total).array();
    }

    @Test
    void damagedBlocksAreReportedWithTheirPosition() {
        PcapngBuilder good = new PcapngBuilder(ByteOrder.LITTLE_ENDIAN).iface(LinkTypes.ETHERNET, 100, null, null)
                .epb(0, 1L, P1, 21);
        int damageAt = good.bytes().length;

        byte[] trailerMismatch = new PcapngBuilder(ByteOrder.LITTLE_ENDIAN).iface(LinkTypes.ETHERNET, 100, null, null)
                .epb(0, 1L, P1, 21).epb(0, 2L, P1, 21).bytes();
        trailerMismatch[trailerMismatch.length - 4]++;
        assertBlockDamage(trailerMismatch, damageAt, "ends with total length");

        assertBlockDamage(good(b -> b.epb(1, 2L, P1, 21)), damageAt, "interface 1 is not described");
        assertBlockDamage(good(b -> b.epb(0, 2L, P1, 64, 64, null)), damageAt, "does not fit its block");
        assertBlockDamage(good(b -> b.epb(0, 2L, P1, 21, 20, null)), damageAt, "exceeds the original length 20");
        assertBlockDamage(good(b -> b.epb(0, 2L, PcapBuilder.payload(101, 0), 101)), damageAt,
                "exceeds the interface's snap length 100");
        assertBlockDamage(good(b -> b.iface(LinkTypes.ETHERNET, 0, 0x7F, null)), damageAt,
                "timestamp resolution byte 0x7f");

        byte[] oddLength = new PcapngBuilder(ByteOrder.LITTLE_ENDIAN).iface(LinkTypes.ETHERNET, 100, null, null)
                .epb(0, 1L, P1, 21).epb(0, 2L, P1, 21).bytes();
        oddLength[damageAt + 4] = 0x2E;
        assertBlockDamage(oddLength, damageAt, "impossible total length 46");
        byte[] hugeLength = oddLength.clone();
        hugeLength[damageAt + 4] = 0;
        hugeLength[damageAt + 7] = 0x7F;
        assertBlockDamage(hugeLength, damageAt, "impossible total length");

        byte[] badMagic = good(b -> b.section(ByteOrder.LITTLE_ENDIAN));
        badMagic[damageAt + 8] = 0x55;
        assertBlockDamage(badMagic, damageAt + 8, "byte-order magic 55 3c 2b 1a");
    }

    private static byte[] good(Consumer<PcapngBuilder> more) {
        PcapngBuilder builder = new PcapngBuilder(ByteOrder.LITTLE_ENDIAN).iface(LinkTypes.ETHERNET, 100, null, null)
                .epb(0, 1L, P1, 21);
        more.accept(builder);
        return builder.bytes();
    }

    private static void assertBlockDamage(byte[] file, long offset, String reason) {
        List<Frame> frames = new ArrayList<>();
        assertThatThrownBy(() -> TestCaptures.readAll(PcapngReader.fromBytes("bad.pcapng", file), frames))
                .isInstanceOfSatisfying(TraceFormatException.class, e -> {
                    assertThat(e.reason()).contains(reason);
                    assertThat(e.kind()).isEqualTo(TraceFormatException.Kind.DAMAGED);
                    assertThat(e.byteOffset()).isEqualTo(offset);
                    assertThat(e.framesBefore()).isEqualTo(1);
                    assertThat(e.getMessage()).startsWith("bad.pcapng: ");
                });
        assertThat(frames).hasSize(1);
    }

    @Test
    void traceEndingMidBlockIsATruncation() {
        byte[] whole = new PcapngBuilder(ByteOrder.BIG_ENDIAN).iface(LinkTypes.ETHERNET, 0, null, null)
                .epb(0, 1L, P1, 21).epb(0, 2L, P1, 21).bytes();
        int blockLength = 32 + 24;
        int lastBlock = whole.length - blockLength;
        for (int cut = lastBlock + 1; cut < whole.length; cut++) {
            byte[] cutShort = java.util.Arrays.copyOf(whole, cut);
            List<Frame> frames = new ArrayList<>();
            assertThatThrownBy(() -> TestCaptures.readAll(PcapngReader.fromBytes("cut.pcapng", cutShort), frames))
                    .isInstanceOfSatisfying(TraceFormatException.class, e -> {
                        assertThat(e.isTruncation()).isTrue();
                        assertThat(e.byteOffset()).isEqualTo(lastBlock);
                        assertThat(e.framesBefore()).isEqualTo(1);
                        assertThat(e.getMessage()).contains("ends mid-block");
                    });
            assertThat(frames).hasSize(1);
        }
    }

    @Test
    void badSectionHeaders() {
        assertThatThrownBy(() -> PcapngReader.open(TestCaptures.path("ipv4.pcap")))
                .isInstanceOf(TraceFormatException.class).hasMessageContaining("not a pcapng file: first bytes d4 c3 b2 a1");
        byte[] version2 = new PcapngBuilder(ByteOrder.LITTLE_ENDIAN).bytes();
        version2[12] = 2;
        assertThatThrownBy(() -> PcapngReader.fromBytes("v2.pcapng", version2))
                .isInstanceOf(TraceFormatException.class).hasMessageContaining("unsupported pcapng version 2.0");
        assertThatThrownBy(() -> PcapngReader.fromBytes("short.pcapng", java.util.Arrays.copyOf(version2, 10)))
                .isInstanceOfSatisfying(TraceFormatException.class, e -> assertThat(e.isTruncation()).isTrue());
    }
}
