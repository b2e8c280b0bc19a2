package org.intstream.engine.source;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opens a capture of either format, told apart by its first bytes: pcap in either byte order and
 * resolution, pcapng, and gzip-compressed files of either. Anything else is refused with the file's name
 * and first bytes.
 */
public final class TraceReaders {
    private static final int GZIP_BUFFER = 1 << 16;

    private TraceReaders() {
    }

    /** Opens a capture file; plain files are read through a file channel, gzip files through a stream. */
    public static TraceReader open(Path file) throws IOException {
        String name = file.toString();
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        TraceInput input = TraceInput.ofChannel(name, channel, TraceInput.DEFAULT_BUFFER);
        try {
            input.ensure(4);
            if (isGzip(input)) {
                input.close();
                return openStream(name, gunzip(name, Files.newInputStream(file)));
            }
            return start(input);
        } catch (IOException | RuntimeException e) {
            input.close();
            throw e;
        }
    }

    /**
     * Reads a capture from a stream (stdin, a socket, a gzip file); the stream is closed with the reader.
     *
     * @param name names the trace in messages and as its observation point
     */
    public static TraceReader open(String name, InputStream in) throws IOException {
        return openStream(name, in);
    }

    /** Reads a capture held in memory, in place. */
    public static TraceReader open(String name, byte[] data) throws IOException {
        TraceInput input = TraceInput.ofBytes(name, data, 0, data.length);
        if (isGzip(input)) {
            return openStream(name, gunzip(name, new ByteArrayInputStream(data)));
        }
        return start(input);
    }

    /** Reads a capture held in a buffer's remaining bytes. */
    public static TraceReader open(String name, ByteBuffer data) throws IOException {
        TraceInput input = TraceInput.ofBuffer(name, data);
        if (isGzip(input)) {
            return openStream(name, gunzip(name, new ByteArrayInputStream(input.buf, input.pos, input.available())));
        }
        return start(input);
    }

    private static TraceReader openStream(String name, InputStream raw) throws IOException {
        TraceInput input = TraceInput.ofStream(name, raw, TraceInput.DEFAULT_BUFFER);
        try {
            readHead(input);
            if (isGzip(input)) {
                return openStream(name, gunzip(name, new UnreadStream(input)));
            }
            return start(input);
        } catch (IOException | RuntimeException e) {
            input.close();
            throw e;
        }
    }

    /** Opens a gzip stream; a corrupt gzip header is damage of the trace, said with its name. */
    private static InputStream gunzip(String name, InputStream compressed) throws IOException {
        try {
            return new GZIPInputStream(compressed, GZIP_BUFFER);
        } catch (ZipException | EOFException e) {
            compressed.close();
            throw new TraceFormatException(TraceFormatException.Kind.DAMAGED, name, 0, 0,
                    "gzip header is corrupt: " + e.getMessage());
        }
    }

    /** Reads the first bytes, which tell the format; a decompression error there comes before any frame. */
    static void readHead(TraceInput input) throws IOException {
        try {
            input.ensure(4);
        } catch (TraceFormatException e) {
            throw e.framesBefore() == TraceInput.UNKNOWN_FRAMES
                    ? new TraceFormatException(e.kind(), e.source(), e.byteOffset(), 0, e.reason())
                    : e;
        }
    }

    private static boolean isGzip(TraceInput input) {
        return input.available() >= 2 && input.buf[input.pos] == (byte) 0x1f && input.buf[input.pos + 1] == (byte) 0x8b;
    }

    /** Picks the reader by magic; the input must hold at least its first 4 bytes, or be shorter than that. */
    static TraceReader start(TraceInput input) throws IOException {
        int available = input.available();
        if (available == 0) {
            throw new TraceFormatException(TraceFormatException.Kind.NOT_A_TRACE, input.name, 0, 0, "file is empty");
        }
        if (available < 4) {
            throw new TraceFormatException(TraceFormatException.Kind.NOT_A_TRACE, input.name, 0, 0,
                    "too short for a capture file (" + available + " bytes: "
                            + TraceBytes.hexPrefix(input.buf, input.pos, available) + ")");
        }
        int magic = TraceBytes.int32(input.buf, input.pos, false);
        if (magic == PcapReader.MAGIC_MICROS || magic == PcapReader.MAGIC_NANOS
                || Integer.reverseBytes(magic) == PcapReader.MAGIC_MICROS
                || Integer.reverseBytes(magic) == PcapReader.MAGIC_NANOS) {
            return PcapReader.start(new PcapReader(input));
        }
        if (magic == PcapngReader.SECTION_HEADER) {
            return PcapngReader.start(new PcapngReader(input));
        }
        // A stream may have handed over only a few bytes so far; show up to 16 whatever the source.
        input.ensure(16);
        available = input.available();
        throw new TraceFormatException(TraceFormatException.Kind.NOT_A_TRACE, input.name, 0, 0,
                "neither pcap nor pcapng (nor gzip of either): first bytes "
                        + TraceBytes.hexPrefix(input.buf, input.pos, Math.min(available, 16)) + " \""
                        + printable(input.buf, input.pos, Math.min(available, 16)) + "\"");
    }

    private static String printable(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            int c = b[off + i] & 0xFF;
            sb.append(c >= 0x20 && c < 0x7F ? (char) c : '.');
        }
        return sb.toString();
    }

    /** Hands back the bytes a {@link TraceInput} already read, then the rest of its stream. */
    private static final class UnreadStream extends InputStream {
        private final TraceInput input;

        UnreadStream(TraceInput input) {
            this.input = input;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] target, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (input.available() == 0 && !input.ensure(1)) {
                return -1;
            }
            int n = Math.min(len, input.available());
            System.arraycopy(input.buf, input.pos, target, off, n);
            input.pos += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            input.close();
        }
    }
}
