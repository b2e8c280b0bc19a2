package org.intstream.engine.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.intstream.engine.packet.Packet;

/**
 * Reads pcapng files: Section Header Blocks of either byte order (several sections may follow each other),
 * Interface Description Blocks (link type, snap length, {@code if_tsresol}, {@code if_tsoffset}), Enhanced,
 * Simple and obsolete Packet Blocks. Every other block (name resolution, statistics, decryption secrets,
 * custom, unknown) is skipped by its length. Each frame carries its interface's link type, and its
 * direction when the block's {@code epb_flags} give it.
 *
 * <p>A block's total length is checked at both ends; a length that is impossible, disagrees with itself
 * or with the block's content is damage, and a file that stops inside a block is a truncation. Either is
 * thrown as a {@link TraceFormatException} after every frame before it was returned.
 */
public final class PcapngReader extends AbstractTraceReader {
    public static final int SECTION_HEADER = 0x0A0D0D0A;
    public static final int INTERFACE_DESCRIPTION = 0x00000001;
    public static final int OBSOLETE_PACKET = 0x00000002;
    public static final int SIMPLE_PACKET = 0x00000003;
    public static final int ENHANCED_PACKET = 0x00000006;
    public static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    /** Largest block accepted; the buffer grows to hold a block whole. */
    public static final int MAX_BLOCK = 16 << 20;

    private static final int OPT_END = 0;
    private static final int OPT_IF_TSRESOL = 9;
    private static final int OPT_IF_TSOFFSET = 14;
    private static final int OPT_EPB_FLAGS = 2;
    private static final int DEFAULT_TSRESOL = 6;

    private boolean bigEndian;
    private int sections;
    private PcapngInterface[] interfaces = new PcapngInterface[4];
    private int interfaceCount;
    /** Simple Packet Blocks carry no timestamp; they get the previous packet's. */
    private long lastTsMicros;

    PcapngReader(TraceInput input) {
        super(input);
    }

    /** Opens a pcapng file, read through a file channel in large chunks. */
    public static PcapngReader open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        return start(new PcapngReader(TraceInput.ofChannel(file.toString(), channel, TraceInput.DEFAULT_BUFFER)));
    }

    /** Reads a pcapng from a stream; the stream is closed with the reader. */
    public static PcapngReader fromStream(String name, InputStream in) throws IOException {
        return start(new PcapngReader(TraceInput.ofStream(name, in, TraceInput.DEFAULT_BUFFER)));
    }

    /** Reads a pcapng held in memory, without copying it. */
    public static PcapngReader fromBytes(String name, byte[] data) throws IOException {
        return start(new PcapngReader(TraceInput.ofBytes(name, data, 0, data.length)));
    }

    /** Reads a pcapng held in a buffer's remaining bytes; a heap buffer is read in place. */
    public static PcapngReader fromBuffer(String name, ByteBuffer data) throws IOException {
        return start(new PcapngReader(TraceInput.ofBuffer(name, data)));
    }

    static PcapngReader start(PcapngReader reader) throws IOException {
        try {
            reader.readHeader();
            return reader;
        } catch (IOException | RuntimeException e) {
            reader.input.close();
            throw e;
        }
    }

    /** Checks that the trace opens with a Section Header Block and reads it. */
    @Override
    void readHeader() throws IOException {
        TraceInput in = input;
        if (!ensure(4)) {
            if (in.available() == 0) {
                throw damage(TraceFormatException.Kind.NOT_A_TRACE, 0, "file is empty");
            }
            throw damage(TraceFormatException.Kind.TRUNCATED, 0, "trace ends inside the first block header");
        }
        if (TraceBytes.int32(in.buf, in.pos, false) != SECTION_HEADER) {
            throw damage(TraceFormatException.Kind.NOT_A_TRACE, 0,
                    "not a pcapng file: first bytes " + TraceBytes.hexPrefix(in.buf, in.pos, 4));
        }
        readSectionHeader();
    }

    @Override
    boolean readFrame(RawFrame frame) throws IOException {
        TraceInput in = input;
        while (true) {
            if (in.limit - in.pos < 8 && !ensure(8)) {
                if (in.available() == 0) {
                    return false;
                }
                throw damage(TraceFormatException.Kind.TRUNCATED, in.offsetOf(in.pos),
                        "trace ends mid-block: block header has " + in.available() + " of 8 bytes");
            }
            int type = TraceBytes.int32(in.buf, in.pos, bigEndian);
            if (type == SECTION_HEADER) {
                readSectionHeader();
                continue;
            }
            int p = blockStart(type);
            byte[] b = in.buf;
            int length = TraceBytes.int32(b, p + 4, bigEndian);
            boolean delivered;
            switch (type) {
                case ENHANCED_PACKET:
                    delivered = readEnhancedPacket(frame, b, p, length);
                    break;
                case SIMPLE_PACKET:
                    delivered = readSimplePacket(frame, b, p, length);
                    break;
                case OBSOLETE_PACKET:
                    delivered = readObsoletePacket(frame, b, p, length);
                    break;
                case INTERFACE_DESCRIPTION:
                    readInterface(b, p, length);
                    delivered = false;
                    break;
                default:
                    delivered = false;
                    break;
            }
            in.pos = p + length;
            if (delivered) {
                return true;
            }
        }
    }

    /**
     * Checks the block at the input's position (total length sane, whole block present, trailing length
     * equal to the leading one) and returns its start in the buffer.
     */
    private int blockStart(int type) throws IOException {
        TraceInput in = input;
        int p = in.pos;
        long offset = in.offsetOf(p);
        int length = TraceBytes.int32(in.buf, p + 4, bigEndian);
        if (length < 12 || length > MAX_BLOCK || (length & 3) != 0) {
            throw damage(TraceFormatException.Kind.DAMAGED, offset, "damaged block: " + describe(type)
                    + " has impossible total length " + (length & 0xFFFFFFFFL));
        }
        if (in.limit - p < length) {
            if (!ensure(length)) {
                throw damage(TraceFormatException.Kind.TRUNCATED, offset, "trace ends mid-block: " + describe(type)
                        + " of " + length + " bytes has only " + in.available());
            }
            p = in.pos;
        }
        int trailing = TraceBytes.int32(in.buf, p + length - 4, bigEndian);
        if (trailing != length) {
            throw damage(TraceFormatException.Kind.DAMAGED, offset, "damaged block: " + describe(type)
                    + " ends with total length " + (trailing & 0xFFFFFFFFL) + " but starts with " + length);
        }
        return p;
    }

    private void readSectionHeader() throws IOException {
        TraceInput in = input;
        long offset = in.offsetOf(in.pos);
        if (!ensure(12)) {
            throw damage(TraceFormatException.Kind.TRUNCATED, offset,
                    "trace ends mid-block: section header has " + in.available() + " of 12 bytes");
        }
        int magic = TraceBytes.int32(in.buf, in.pos + 8, false);
        if (magic == BYTE_ORDER_MAGIC) {
            bigEndian = false;
        } else if (Integer.reverseBytes(magic) == BYTE_ORDER_MAGIC) {
            bigEndian = true;
        } else {
            throw damage(TraceFormatException.Kind.DAMAGED, offset + 8, "damaged section header: byte-order magic "
                    + TraceBytes.hexPrefix(in.buf, in.pos + 8, 4) + " is neither order of 1a2b3c4d");
        }
        int p = blockStart(SECTION_HEADER);
        int length = TraceBytes.int32(in.buf, p + 4, bigEndian);
        if (length < 28) {
            throw damage(TraceFormatException.Kind.DAMAGED, offset,
                    "damaged section header: total length " + length + " is below the minimum of 28");
        }
        int major = TraceBytes.uint16(in.buf, p + 12, bigEndian);
        int minor = TraceBytes.uint16(in.buf, p + 14, bigEndian);
        if (major != 1) {
            throw damage(TraceFormatException.Kind.DAMAGED, offset,
                    "unsupported pcapng version " + major + "." + minor + " (expected 1.x)");
        }
        sections++;
        interfaceCount = 0;
        in.pos = p + length;
    }

    private void readInterface(byte[] b, int p, int length) throws TraceFormatException {
        long offset = input.offsetOf(p);
        if (length < 20) {
            throw damage(TraceFormatException.Kind.DAMAGED, offset,
                    "damaged interface description block: total length " + length + " is below the minimum of 20");
        }
        int linkType = TraceBytes.uint16(b, p + 8, bigEndian);
        long snapLen = TraceBytes.uint32(b, p + 12, bigEndian);
        int tsresol = DEFAULT_TSRESOL;
        long tsoffset = 0;
        int end = p + length - 4;
        int q = p + 16;
        while (q + 4 <= end) {
            int code = TraceBytes.uint16(b, q, bigEndian);
            int optionLength = TraceBytes.uint16(b, q + 2, bigEndian);
            if (code == OPT_END) {
                break;
            }
            if (q + 4 + optionLength > end) {
                throw damage(TraceFormatException.Kind.DAMAGED, input.offsetOf(q), "damaged interface description "
                        + "block: option " + code + " of " + optionLength + " bytes runs past the block's end");
            }
            if (code == OPT_IF_TSRESOL && optionLength >= 1) {
                tsresol = b[q + 4] & 0xFF;
            } else if (code == OPT_IF_TSOFFSET && optionLength >= 8) {
                tsoffset = TraceBytes.int64(b, q + 4, bigEndian);
            }
            q += 4 + ((optionLength + 3) & ~3);
        }
        PcapngInterface described = PcapngInterface.of(linkType, snapLen, tsresol, tsoffset);
        if (described == null) {
            throw damage(TraceFormatException.Kind.DAMAGED, offset, "damaged interface description block: "
                    + "timestamp resolution byte 0x" + Integer.toHexString(tsresol) + " is out of range");
        }
        if (interfaceCount == interfaces.length) {
            interfaces = Arrays.copyOf(interfaces, interfaceCount * 2);
        }
        interfaces[interfaceCount++] = described;
    }

    private PcapngInterface interfaceOf(long id, int p, String block) throws TraceFormatException {
        if (id < 0 || id >= interfaceCount) {
            throw damage(TraceFormatException.Kind.DAMAGED, input.offsetOf(p), "damaged " + block + ": interface "
                    + id + " is not described (the section has " + interfaceCount + " interface"
                    + (interfaceCount == 1 ? "" : "s") + ")");
        }
        return interfaces[(int) id];
    }

    private boolean readEnhancedPacket(RawFrame frame, byte[] b, int p, int length) throws TraceFormatException {
        if (length < 32) {
            throw damage(TraceFormatException.Kind.DAMAGED, input.offsetOf(p),
                    "damaged enhanced packet block: total length " + length + " is below the minimum of 32");
        }
        boolean be = bigEndian;
        PcapngInterface iface = interfaceOf(TraceBytes.uint32(b, p + 8, be), p, "enhanced packet block");
        long captured = TraceBytes.uint32(b, p + 20, be);
        long original = TraceBytes.uint32(b, p + 24, be);
        checkLengths(p, length - 32, captured, original, iface, "enhanced packet block");
        int padded = ((int) captured + 3) & ~3;
        frame.tsMicros = iface.toMicros(TraceBytes.int64HighFirst(b, p + 12, be));
        frame.data = b;
        frame.offset = p + 28;
        frame.capLen = (int) captured;
        frame.wireLen = (int) original;
        frame.linkType = iface.linkType;
        frame.dir = p + 32 + padded < p + length ? directionOption(b, p + 28 + padded, p + length - 4) : -1;
        lastTsMicros = frame.tsMicros;
        return true;
    }

    /** The direction in an {@code epb_flags} option, or -1; options that do not parse are ignored. */
    private int directionOption(byte[] b, int q, int end) {
        while (q + 4 <= end) {
            int code = TraceBytes.uint16(b, q, bigEndian);
            int optionLength = TraceBytes.uint16(b, q + 2, bigEndian);
            if (code == OPT_END || q + 4 + optionLength > end) {
                return -1;
            }
            if (code == OPT_EPB_FLAGS && optionLength == 4) {
                int direction = TraceBytes.int32(b, q + 4, bigEndian) & 3;
                return direction == 1 ? Packet.DIR_IN : direction == 2 ? Packet.DIR_OUT : -1;
            }
            q += 4 + ((optionLength + 3) & ~3);
        }
        return -1;
    }

    private boolean readSimplePacket(RawFrame frame, byte[] b, int p, int length) throws TraceFormatException {
        if (length < 16) {
            throw damage(TraceFormatException.Kind.DAMAGED, input.offsetOf(p),
                    "damaged simple packet block: total length " + length + " is below the minimum of 16");
        }
        PcapngInterface iface = interfaceOf(0, p, "simple packet block");
        long original = TraceBytes.uint32(b, p + 8, bigEndian);
        if (original > MAX_BLOCK) {
            throw damage(TraceFormatException.Kind.DAMAGED, input.offsetOf(p),
                    "damaged simple packet block: original length " + original + " is absurd");
        }
        // The captured part is what the block holds: the original length, cut by the snap length.
        long captured = original;
        if (iface.snapLen > 0 && captured > iface.snapLen) {
            captured = iface.snapLen;
        }
        if (captured > length - 16) {
            throw damage(TraceFormatException.Kind.DAMAGED, input.offsetOf(p), "damaged simple packet block: "
                    + captured + " captured bytes do not fit its block of " + length + " bytes");
        }
        frame.tsMicros = lastTsMicros;
        frame.data = b;
        frame.offset = p + 12;
        frame.capLen = (int) captured;
        frame.wireLen = (int) original;
        frame.linkType = iface.linkType;
        frame.dir = -1;
        return true;
    }

    private boolean readObsoletePacket(RawFrame frame, byte[] b, int p, int length) throws TraceFormatException {
        if (length < 32) {
            throw damage(TraceFormatException.Kind.DAMAGED, input.offsetOf(p),
                    "damaged packet block: total length " + length + " is below the minimum of 32");
        }
        boolean be = bigEndian;
        PcapngInterface iface = interfaceOf(TraceBytes.uint16(b, p + 8, be), p, "packet block");
        long captured = TraceBytes.uint32(b, p + 20, be);
        long original = TraceBytes.uint32(b, p + 24, be);
        checkLengths(p, length - 32, captured, original, iface, "packet block");
        frame.tsMicros = iface.toMicros(TraceBytes.int64HighFirst(b, p + 12, be));
        frame.data = b;
        frame.offset = p + 28;
        frame.capLen = (int) captured;
        frame.wireLen = (int) original;
        frame.linkType = iface.linkType;
        frame.dir = -1;
        lastTsMicros = frame.tsMicros;
        return true;
    }

    private void checkLengths(int p, int room, long captured, long original, PcapngInterface iface, String block)
            throws TraceFormatException {
        String problem = null;
        if (captured > room) {
            problem = "captured length " + captured + " does not fit its block (room for " + room + " bytes)";
        } else if (iface.snapLen > 0 && captured > iface.snapLen) {
            problem = "captured length " + captured + " exceeds the interface's snap length " + iface.snapLen;
        } else if (original < captured) {
            problem = "captured length " + captured + " exceeds the original length " + original;
        } else if (original > MAX_BLOCK) {
            problem = "original length " + original + " is absurd (limit " + MAX_BLOCK + ")";
        }
        if (problem != null) {
            throw damage(TraceFormatException.Kind.DAMAGED, input.offsetOf(p), "damaged " + block + ": " + problem);
        }
    }

    private static String describe(int type) {
        switch (type) {
            case SECTION_HEADER:
                return "section header block";
            case INTERFACE_DESCRIPTION:
                return "interface description block";
            case ENHANCED_PACKET:
                return "enhanced packet block";
            case SIMPLE_PACKET:
                return "simple packet block";
            case OBSOLETE_PACKET:
                return "packet block";
            default:
                return "block of type 0x" + Integer.toHexString(type);
        }
    }

    /** Sections read so far (a file may hold several, each with its own interfaces and byte order). */
    public int sections() {
        return sections;
    }

    /** Interfaces described in the current section. */
    public int interfaceCount() {
        return interfaceCount;
    }

    /** Link type of interface {@code id} in the current section. */
    public int linkType(int id) {
        if (id < 0 || id >= interfaceCount) {
            throw new IllegalArgumentException("no interface " + id + " in the current section");
        }
        return interfaces[id].linkType;
    }
}
