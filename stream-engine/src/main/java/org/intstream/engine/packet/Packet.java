package org.intstream.engine.packet;

/**
 * One decoded packet: the header fields of the field catalogue, held in primitive slots so that the
 * per-packet path allocates nothing. A {@code Packet} is a reusable flyweight: the decoder overwrites it
 * for every frame, so operators must copy what they keep.
 *
 * <p>A field the packet lacks is absent ({@link #has(int)} is false) and its slot is meaningless; it is
 * never read as zero. IPv4 addresses live in {@link #ip4Src}/{@link #ip4Dst} as unsigned 32-bit values;
 * IPv6 addresses in the hi/lo slots, with {@link #ipVersion} telling which.
 */
public final class Packet {

    // Presence bits, one per catalogue field (see org.intstream.query.expr.FieldCatalog).
    public static final int TS = 0;
    public static final int LEN = 1;
    public static final int IP_VERSION = 2;
    public static final int IP_SRC = 3;
    public static final int IP_DST = 4;
    public static final int IP_PROTO = 5;
    public static final int IP_TTL = 6;
    public static final int IP_ID = 7;
    public static final int IP_FRAG = 8;
    public static final int L4_SPORT = 9;
    public static final int L4_DPORT = 10;
    public static final int TCP_FLAGS = 11;
    public static final int TCP_SEQ = 12;
    public static final int TCP_ACK = 13;
    public static final int TCP_WIN = 14;
    public static final int PAYLOAD_LEN = 15;
    public static final int ICMP_TYPE = 16;
    public static final int ICMP_CODE = 17;
    public static final int VLAN_ID = 18;
    public static final int POINT = 19;
    public static final int DIR = 20;

    /** TCP flag bits as they appear in the TCP header's flags byte. */
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;

    /** {@link #dir} values. */
    public static final int DIR_IN = 0;
    public static final int DIR_OUT = 1;

    /** Bit set of the fields present in this packet. */
    public long present;

    /** Capture timestamp in microseconds since the Unix epoch. */
    public long ts;
    /** Length of the frame on the wire (not the captured length). */
    public int len;
    /** Number of bytes actually captured. */
    public int capLen;

    public int ipVersion;
    public int ip4Src;
    public int ip4Dst;
    public long ip6SrcHi;
    public long ip6SrcLo;
    public long ip6DstHi;
    public long ip6DstLo;
    public int ipProto;
    public int ipTtl;
    public int ipId;
    /** True for any IPv4/IPv6 fragment (first or later); later fragments carry no L4 fields. */
    public boolean ipFrag;

    public int sport;
    public int dport;
    public int tcpFlags;
    /** TCP sequence and acknowledgement numbers, unsigned 32-bit. */
    public long tcpSeq;
    public long tcpAck;
    public int tcpWin;
    /** L4 payload length, derived from the IP and L4 header lengths (survives a snap length). */
    public int payloadLen;
    public int icmpType;
    public int icmpCode;
    /** Outermost VLAN id when the frame was tagged. */
    public int vlanId;
    /** Observation point id (interned by the source, see {@link PointTable}). */
    public int point;
    public int dir;

    /** The raw frame the fields were decoded from, valid until the next frame. */
    public byte[] data;
    public int offset;
    /** Offsets into {@link #data} of the network and transport headers, or -1. */
    public int l3Offset;
    public int l4Offset;

    public boolean has(int field) {
        return (present & (1L << field)) != 0;
    }

    public void set(int field) {
        present |= 1L << field;
    }

    public boolean isIpv4() {
        return ipVersion == 4 && has(IP_VERSION);
    }

    public boolean isTcp() {
        return ipProto == 6 && has(TCP_FLAGS);
    }

    /** Clears every field; the decoder calls this before filling the packet. */
    public void reset() {
        present = 0;
        l3Offset = -1;
        l4Offset = -1;
    }
}
