package org.intstream.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.intstream.engine.packet.Packet;
import org.intstream.engine.packet.PacketDecoder;
import org.intstream.engine.source.TestCaptures.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real captures cut short at every offset, with impossible lengths written into every record, and with
 * random bytes changed: the reader delivers every frame before the damage, then says what and where,
 * and never crashes or loops.
 */
class DamagedTraceTest {

    /** Start offsets of the units a reader takes whole: file header and records, or blocks. */
    private static final class Layout {
        final List<Integer> starts = new ArrayList<>();
        final List<Boolean> isFrame = new ArrayList<>();
        int headerEnd;

        static Layout of(String name, byte[] file) {
            Layout layout = new Layout();
            ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
            if (name.endsWith(".pcapng")) {
                int p = 0;
                while (p < file.length) {
                    int type = b.getInt(p);
                    layout.starts.add(p);
                    layout.isFrame.add(type == PcapngReader.ENHANCED_PACKET);
                    p += b.getInt(p + 4);
                }
                layout.headerEnd = b.getInt(4);
            } else {
                layout.headerEnd = 24;
                layout.starts.add(0);
                layout.isFrame.add(false);
                int p = 24;
                while (p < file.length) {
                    layout.starts.add(p);
                    layout.isFrame.add(true);
                    p += 16 + b.getInt(p + 8);
                }
            }
            layout.starts.add(file.length);
            return layout;
        }

        /** Frames wholly before {@code cut}. */
        int framesBefore(int cut) {
            int frames = 0;
            for (int i = 0; i + 1 < starts.size() && starts.get(i + 1) <= cut; i++) {
                frames += isFrame.get(i) ? 1 : 0;
            }
            return frames;
        }

        /** Start of the unit that {@code cut} falls inside, or -1 when it falls on a boundary. */
        int unitContaining(int cut) {
            for (int i = 0; i + 1 < starts.size(); i++) {
                if (starts.get(i) < cut && cut < starts.get(i + 1)) {
                    return starts.get(i);
                }
            }
            return -1;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ipv4.pcap", "dumpcap.pcapng", "nano.pcap"})
    void cutAtEveryOffset(String name) {
        byte[] file = TestCaptures.bytes(name);
        Layout layout = Layout.of(name, file);
        List<Frame> all = readQuietly(name, file, new ArrayList<>());
        for (int cut = 0; cut <= file.length; cut++) {
            byte[] cutShort = Arrays.copyOf(file, cut);
            List<Frame> frames = new ArrayList<>();
            TraceFormatException error = readExpectingTraceErrors(name, cutShort, frames);
            int expectedFrames = layout.framesBefore(cut);
            assertThat(frames).as("frames when cut at %d", cut).isEqualTo(all.subList(0, expectedFrames));
            int partial = layout.unitContaining(cut);
            if (cut == 0) {
                assertThat(error.kind()).isEqualTo(TraceFormatException.Kind.NOT_A_TRACE);
            } else if (cut < 4) {
                assertThat(error.kind()).as("cut at %d", cut).isEqualTo(TraceFormatException.Kind.NOT_A_TRACE);
                assertThat(error.getMessage()).contains("too short");
            } else if (partial < 0) {
                assertThat(error).as("cut at record boundary %d", cut).isNull();
            } else {
                assertThat(error).as("cut at %d", cut).isNotNull();
                assertThat(error.kind()).as("cut at %d: %s", cut, error.getMessage())
                        .isEqualTo(TraceFormatException.Kind.TRUNCATED);
                assertThat(error.byteOffset()).as("cut at %d: %s", cut, error.getMessage()).isEqualTo(partial);
                assertThat(error.framesBefore()).isEqualTo(expectedFrames);
                assertThat(error.getMessage()).startsWith(name + ": ").containsPattern("ends (mid-|inside)");
            }
        }
    }

    @Test
    void impossibleIncludedLengthInEveryRecord() {
        String name = "ipv4.pcap";
        byte[] file = TestCaptures.bytes(name);
        Layout layout = Layout.of(name, file);
        List<Frame> all = readQuietly(name, file, new ArrayList<>());
        for (int record = 1; record + 1 < layout.starts.size(); record++) {
            int start = layout.starts.get(record);
            for (int badLength : new int[] {0xFFFFFFF0, 262145, 0x7FFFFFFF}) {
                byte[] damaged = file.clone();
                ByteBuffer.wrap(damaged).order(ByteOrder.LITTLE_ENDIAN).putInt(start + 8, badLength);
                List<Frame> frames = new ArrayList<>();
                TraceFormatException error = readExpectingTraceErrors(name, damaged, frames);
                assertThat(error.kind()).isEqualTo(TraceFormatException.Kind.DAMAGED);
                assertThat(error.byteOffset()).isEqualTo(start);
                assertThat(error.framesBefore()).isEqualTo(record - 1);
                assertThat(frames).isEqualTo(all.subList(0, record - 1));
            }
        }
    }

    @Test
    void impossibleBlockLengthsInEveryBlock() {
        String name = "dumpcap.pcapng";
        byte[] file = TestCaptures.bytes(name);
        Layout layout = Layout.of(name, file);
        List<Frame> all = readQuietly(name, file, new ArrayList<>());
        for (int block = 1; block + 1 < layout.starts.size(); block++) {
            int start = layout.starts.get(block);
            int end = layout.starts.get(block + 1);
            int length = end - start;
            int[][] damages = {{start + 4, length + 2}, {start + 4, 8}, {start + 4, length + 4}, {end - 4, length - 4}};
            for (int[] damage : damages) {
                byte[] damaged = file.clone();
                ByteBuffer.wrap(damaged).order(ByteOrder.LITTLE_ENDIAN).putInt(damage[0], damage[1]);
                List<Frame> frames = new ArrayList<>();
                TraceFormatException error = readExpectingTraceErrors(name, damaged, frames);
                int expectedFrames = layout.framesBefore(start);
                assertThat(error).as("block at %d, length %d written at %d", start, damage[1], damage[0]).isNotNull();
                // A last block claiming more bytes than the file has looks like a cut file.
                boolean pastTheEnd = start + damage[1] > file.length && damage[1] % 4 == 0;
                assertThat(error.kind()).isEqualTo(pastTheEnd && damage[0] == start + 4
                        ? TraceFormatException.Kind.TRUNCATED : TraceFormatException.Kind.DAMAGED);
                assertThat(error.byteOffset()).isEqualTo(start);
                assertThat(error.framesBefore()).isEqualTo(expectedFrames);
                assertThat(frames).isEqualTo(all.subList(0, expectedFrames));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ipv4.pcap", "dumpcap.pcapng", "vlan.pcap", "sll2.pcap", "fragments.pcap"})
    void randomByteChangesAndCutsNeverCrashOrHideGoodFrames(String name) throws IOException {
        byte[] file = TestCaptures.bytes(name);
        Layout layout = Layout.of(name, file);
        List<Frame> all = readQuietly(name, file, new ArrayList<>());
        Random random = new Random(name.hashCode());
        PacketDecoder decoder = new PacketDecoder();
        for (int round = 0; round < 400; round++) {
            byte[] damaged = random.nextInt(4) == 0 ? Arrays.copyOf(file, random.nextInt(file.length)) : file.clone();
            int firstChange = damaged.length;
            for (int changes = 1 + random.nextInt(3); changes > 0 && damaged.length > 0; changes--) {
                int at = random.nextInt(damaged.length);
                damaged[at] = (byte) random.nextInt(256);
                firstChange = Math.min(firstChange, at);
            }
            List<Frame> frames = new ArrayList<>();
            TraceFormatException error = readExpectingTraceErrors(name, damaged, frames, decoder);
            int untouched = layout.framesBefore(firstChange);
            assertThat(frames.size()).isLessThanOrEqualTo(damaged.length / 16 + 1);
            assertThat(frames.subList(0, Math.min(untouched, frames.size())))
                    .as("frames before the first change at %d", firstChange)
                    .isEqualTo(all.subList(0, Math.min(untouched, frames.size())));
            if (error != null) {
                assertThat(error.framesBefore()).isEqualTo(frames.size());
                assertThat(error.byteOffset()).isBetween(0L, (long) damaged.length);
                assertThat(error.getMessage()).startsWith(name + ": ");
            } else {
                assertThat(frames.size()).isGreaterThanOrEqualTo(untouched);
            }
            if (round % 10 == 0) {
                // A stream through a tiny buffer meets the same frames and the same error.
                List<Frame> streamed = new ArrayList<>();
                TraceFormatException streamError = readStreamExpectingTraceErrors(name, damaged, streamed, random);
                assertThat(streamed).isEqualTo(frames);
                assertThat(streamError == null ? null : streamError.getMessage())
                        .isEqualTo(error == null ? null : error.getMessage());
            }
        }
        assertThat(decoder.stats().frames()).isPositive();
    }

    private static List<Frame> readQuietly(String name, byte[] file, List<Frame> frames) {
        assertThat(readExpectingTraceErrors(name, file, frames)).isNull();
        return frames;
    }

    private static TraceFormatException readExpectingTraceErrors(String name, byte[] file, List<Frame> frames) {
        return readExpectingTraceErrors(name, file, frames, new PacketDecoder());
    }

    /** Reads (and decodes) everything; returns the trace error, failing on any other exception. */
    private static TraceFormatException readExpectingTraceErrors(String name, byte[] file, List<Frame> frames,
            PacketDecoder decoder) {
        Packet packet = new Packet();
        try (TraceReader reader = TraceReaders.open(name, file)) {
            RawFrame frame = new RawFrame();
            while (reader.next(frame)) {
                frames.add(Frame.of(frame));
                decoder.decode(frame, packet);
                if (frames.size() > file.length) {
                    fail("more frames than bytes: the reader loops");
                }
            }
            return null;
        } catch (TraceFormatException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("not a trace error: " + e, e);
        }
    }

    private static TraceFormatException readStreamExpectingTraceErrors(String name, byte[] file, List<Frame> frames,
            Random random) throws IOException {
        TraceInput input = TraceInput.ofStream(name, new PcapReaderTest.Dribble(new ByteArrayInputStream(file),
                random), 32);
        try {
            TraceReaders.readHead(input);
            TraceReader reader = TraceReaders.start(input);
            TestCaptures.readAll(reader, frames);
            return null;
        } catch (TraceFormatException e) {
            return e;
        }
    }
}
