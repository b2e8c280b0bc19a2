package org.intstream.engine.source;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.zip.ZipException;

/**
 * The bytes of a trace behind one window, {@code buf[pos, limit)}, that the readers parse in place: a file
 * channel or stream is read in large chunks (no system call per record), an in-memory trace is used as is.
 * A frame handed out points into {@link #buf}; it stays valid until the next {@link #ensure} moves bytes.
 */
final class TraceInput implements AutoCloseable {
    /** Default chunk for files and streams: large enough that reads are rare, small enough to stay cached. */
    static final int DEFAULT_BUFFER = 1 << 20;
    /** Frame count of an error raised here; the reader, which knows the count, fills it in. */
    static final long UNKNOWN_FRAMES = -1;

    final String name;
    byte[] buf;
    int pos;
    int limit;
    /** Offset in the trace of {@code buf[0]}. */
    private long base;

    private final ReadableByteChannel channel;
    private final InputStream stream;
    private ByteBuffer channelView;
    private boolean eof;

    private TraceInput(String name, byte[] buf, int pos, int limit, ReadableByteChannel channel,
            InputStream stream) {
        this.name = name;
        this.buf = buf;
        this.pos = pos;
        this.limit = limit;
        this.base = -pos;
        this.channel = channel;
        this.stream = stream;
        this.eof = channel == null && stream == null;
        if (channel != null) {
            channelView = ByteBuffer.wrap(buf);
        }
    }

    static TraceInput ofChannel(String name, ReadableByteChannel channel, int bufferSize) {
        return new TraceInput(name, new byte[bufferSize], 0, 0, channel, null);
    }

    static TraceInput ofStream(String name, InputStream stream, int bufferSize) {
        return new TraceInput(name, new byte[bufferSize], 0, 0, null, stream);
    }

    /** Reads the trace in place from {@code data[from, to)}; nothing is copied. */
    static TraceInput ofBytes(String name, byte[] data, int from, int to) {
        if (from < 0 || to > data.length || from > to) {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") of " + data.length + " bytes");
        }
        return new TraceInput(name, data, from, to, null, null);
    }

    /** Reads the remaining bytes of {@code data}: in place when it has an accessible array, else a copy. */
    static TraceInput ofBuffer(String name, ByteBuffer data) {
        if (data.hasArray()) {
            int from = data.arrayOffset() + data.position();
            return ofBytes(name, data.array(), from, from + data.remaining());
        }
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        return ofBytes(name, copy, 0, copy.length);
    }

    /** Offset in the trace of {@code buf[p]}. */
    long offsetOf(int p) {
        return base + p;
    }

    int available() {
        return limit - pos;
    }

    /**
     * Makes {@code n} bytes available from {@link #pos}, reading more if needed.
     *
     * @return false if the trace ends first ({@link #available()} then says how many bytes remain)
     */
    boolean ensure(int n) throws IOException {
        if (limit - pos >= n) {
            return true;
        }
        if (eof) {
            return false;
        }
        if (pos + n > buf.length) {
            makeRoom(n);
        }
        while (limit - pos < n) {
            int read = fill();
            if (read < 0) {
                eof = true;
                return false;
            }
        }
        return true;
    }

    /** Moves the unread bytes to the front, growing the buffer if {@code n} would not fit. */
    private void makeRoom(int n) {
        int remaining = limit - pos;
        byte[] target = buf;
        if (n > buf.length) {
            target = new byte[(int) Math.max(n, Math.min(Integer.MAX_VALUE - 16, 2L * buf.length))];
        }
        System.arraycopy(buf, pos, target, 0, remaining);
        base += pos;
        pos = 0;
        limit = remaining;
        if (target != buf) {
            buf = target;
            if (channel != null) {
                channelView = ByteBuffer.wrap(buf);
            }
        }
    }

    private int fill() throws IOException {
        int room = buf.length - limit;
        int read;
        try {
            if (channel != null) {
                channelView.limit(buf.length).position(limit);
                read = channel.read(channelView);
            } else {
                read = stream.read(buf, limit, room);
            }
        } catch (ZipException e) {
            throw new TraceFormatException(TraceFormatException.Kind.DAMAGED, name, offsetOf(limit),
                    UNKNOWN_FRAMES, "compressed data is corrupt: " + e.getMessage());
        } catch (EOFException e) {
            throw new TraceFormatException(TraceFormatException.Kind.TRUNCATED, name, offsetOf(limit),
                    UNKNOWN_FRAMES, "compressed data ends early: " + e.getMessage());
        }
        if (read > 0) {
            limit += read;
        }
        return read;
    }

    @Override
    public void close() throws IOException {
        eof = true;
        if (channel != null) {
            channel.close();
        }
        if (stream != null) {
            stream.close();
        }
    }
}
