package org.intstream.engine.source;

/**
 * A captured frame as a source delivers it: a slice of a (reused) byte buffer, its timestamp and lengths,
 * and the link type that tells the decoder how to read it. Only valid during the callback that receives it.
 */
public final class RawFrame {
    public byte[] data;
    public int offset;
    /** Bytes captured (present in {@link #data}). */
    public int capLen;
    /** Bytes on the wire; at least {@link #capLen}. */
    public int wireLen;
    /** Microseconds since the Unix epoch. */
    public long tsMicros;
    /** A {@code LINKTYPE_*} value (tcpdump.org link-layer header types). */
    public int linkType;
    /** Observation point id (see {@link org.intstream.engine.packet.PointTable}). */
    public int point;
    /** Direction when the source knows it ({@code Packet.DIR_IN}/{@code DIR_OUT}), else -1. */
    public int dir = -1;
    /** Sequence number of the frame in its source, starting at 1. */
    public long index;
}
