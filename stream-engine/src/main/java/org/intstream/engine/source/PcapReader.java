package org.intstream.engine.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads classic libpcap files: either byte order, microsecond ({@code a1b2c3d4}) or nanosecond
 * ({@code a1b23c4d}) timestamps, delivered as microseconds since the epoch (nanoseconds floored).
 * Records are parsed in place in a large buffer; a frame's bytes are a slice of it.
 *
 * <p>A record whose included length is negative, exceeds the snapshot length (or {@link #MAX_RECORD}) or
 * its original length is damage; a file that stops inside a record is a truncation. Either is thrown as a
 * {@link TraceFormatException} after every frame before it was returned.
 */
public final class PcapReader extends AbstractTraceReader {
    public static final int MAGIC_MICROS = 0xa1b2c3d4;
    public static final int MAGIC_NANOS = 0xa1b23c4d;
    static final int HEADER_LENGTH = 24;
    static final int RECORD_HEADER_LENGTH = 16;
    /** Largest record accepted whatever the header says; real link types stay far below it. */
    public static final int MAX_RECORD = 16 << 20;

    private boolean bigEndian;
    private boolean nanos;
    private int versionMajor;
    private int versionMinor;
    private long snapLen;
    private int linkType;
    private int recordLimit;

    PcapReader(TraceInput input) {
        super(input);
    }

    /** Opens a pcap file, read through a file channel in large chunks. */
    public static PcapReader open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        return start(new PcapReader(TraceInput.ofChannel(file.toString(), channel, TraceInput.DEFAULT_BUFFER)));
    }

    /** Reads a pcap from a stream (stdin, a decompressing stream); the stream is closed with the reader. */
    public static PcapReader fromStream(String name, InputStream in) throws IOException {
        return start(new PcapReader(TraceInput.ofStream(name, in, TraceInput.DEFAULT_BUFFER)));
    }

    /** Reads a pcap held in memory, without copying it. */
    public static PcapReader fromBytes(String name, byte[] data) throws IOException {
        return start(new PcapReader(TraceInput.ofBytes(name, data, 0, data.length)));
    }

    /** Reads a pcap held in a buffer's remaining bytes; a heap buffer is read in place. */
    public static PcapReader fromBuffer(String name, ByteBuffer data) throws IOException {
        return start(new PcapReader(TraceInput.ofBuffer(name, data)));
    }

    static PcapReader start(PcapReader reader) throws IOException {
        try {
            reader.readHeader();
            return reader;
        } catch (IOException | RuntimeException e) {
            reader.input.close();
            throw e;
        }
    }

    @Override
    void readHeader() throws IOException {
        TraceInput in = input;
        if (!ensure(HEADER_LENGTH)) {
            if (in.available() == 0) {
                throw damage(TraceFormatException.Kind.NOT_A_TRACE, 0, "file is empty");
            }
            throw damage(TraceFormatException.Kind.TRUNCATED, in.offsetOf(in.pos),
                    "trace ends inside the pcap file header (" + in.available() + " of " + HEADER_LENGTH + " bytes)");
        }
        byte[] b = in.buf;
        int p = in.pos;
        int magic = TraceBytes.int32(b, p, false);
        if (magic == MAGIC_MICROS || magic == MAGIC_NANOS) {
            bigEndian = false;
        } else if (Integer.reverseBytes(magic) == MAGIC_MICROS || Integer.reverseBytes(magic) == MAGIC_NANOS) {
            bigEndian = true;
            magic = Integer.reverseBytes(magic);
        } else {
            throw damage(TraceFormatException.Kind.NOT_A_TRACE, 0,
                    "not a pcap file: first bytes " + TraceBytes.hexPrefix(b, p, 4));
        }
        nanos = magic == MAGIC_NANOS;
        versionMajor = TraceBytes.uint16(b, p + 4, bigEndian);
        versionMinor = TraceBytes.uint16(b, p + 6, bigEndian);
        if (versionMajor != 2) {
            throw damage(TraceFormatException.Kind.DAMAGED, 4,
                    "unsupported pcap version " + versionMajor + "." + versionMinor + " (expected 2.x)");
        }
        snapLen = TraceBytes.uint32(b, p + 16, bigEndian);
        // The link type's upper bits may carry FCS information; the type itself is the low 16 bits.
        linkType = TraceBytes.int32(b, p + 20, bigEndian) & 0xFFFF;
        recordLimit = snapLen > 0 && snapLen < MAX_RECORD ? (int) snapLen : MAX_RECORD;
        in.pos = p + HEADER_LENGTH;
    }

    @Override
    boolean readFrame(RawFrame frame) throws IOException {
        TraceInput in = input;
        if (in.limit - in.pos < RECORD_HEADER_LENGTH && !ensure(RECORD_HEADER_LENGTH)) {
            if (in.available() == 0) {
                return false;
            }
            throw damage(TraceFormatException.Kind.TRUNCATED, in.offsetOf(in.pos),
                    "trace ends mid-record: record header has " + in.available() + " of " + RECORD_HEADER_LENGTH
                            + " bytes");
        }
        byte[] b = in.buf;
        int p = in.pos;
        boolean be = bigEndian;
        int included = TraceBytes.int32(b, p + 8, be);
        int original = TraceBytes.int32(b, p + 12, be);
        if (included < 0 || included > recordLimit || original < included || original > MAX_RECORD) {
            throw badLengths(in.offsetOf(p), included, original);
        }
        int recordLength = RECORD_HEADER_LENGTH + included;
        if (in.limit - p < recordLength) {
            if (!ensure(recordLength)) {
                throw damage(TraceFormatException.Kind.TRUNCATED, in.offsetOf(in.pos),
                        "trace ends mid-record: record of " + recordLength + " bytes has only " + in.available());
            }
            b = in.buf;
            p = in.pos;
        }
        long seconds = TraceBytes.uint32(b, p, be);
        long fraction = TraceBytes.uint32(b, p + 4, be);
        frame.tsMicros = seconds * 1_000_000L + (nanos ? fraction / 1000 : fraction);
        frame.data = b;
        frame.offset = p + RECORD_HEADER_LENGTH;
        frame.capLen = included;
        frame.wireLen = original;
        frame.linkType = linkType;
        frame.dir = -1;
        in.pos = p + recordLength;
        return true;
    }

    private TraceFormatException badLengths(long offset, int included, int original) {
        long inc = included & 0xFFFFFFFFL;
        long orig = original & 0xFFFFFFFFL;
        String reason;
        if (inc > recordLimit) {
            reason = "record's included length " + inc + " exceeds the "
                    + (recordLimit == snapLen ? "snapshot length " + snapLen : "limit of " + MAX_RECORD + " bytes");
        } else if (orig > MAX_RECORD) {
            reason = "record's original length " + orig + " is absurd (limit " + MAX_RECORD + ")";
        } else {
            reason = "record's included length " + inc + " exceeds its original length " + orig;
        }
        return damage(TraceFormatException.Kind.DAMAGED, offset, "damaged record: " + reason);
    }

    public int linkType() {
        return linkType;
    }

    public long snapLen() {
        return snapLen;
    }

    public boolean isNanosecond() {
        return nanos;
    }

    public boolean isBigEndian() {
        return bigEndian;
    }

    public String version() {
        return versionMajor + "." + versionMinor;
    }
}
