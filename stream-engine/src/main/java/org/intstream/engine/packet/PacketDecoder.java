package org.intstream.engine.packet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import org.intstream.engine.source.RawFrame;

/**
 * Decodes a {@link RawFrame} into a reusable {@link Packet}: link layer (Ethernet with any number of
 * 802.1Q/802.1ad tags, Linux cooked SLL and SLL2, raw IP, BSD loopback), IPv4 with options and fragments,
 * IPv6 through its extension headers, then TCP, UDP, ICMP and ICMPv6.
 *
 * <p>A field is set only when its whole header was captured and makes sense (the ports, which lead the TCP
 * and UDP headers, are kept when only they were captured); a header cut off by the snap length or
 * malformed leaves its fields absent and is counted in {@link #stats()}. The decoder never
 * throws on packet content and allocates nothing per packet. Payload lengths come from the IP and L4
 * length fields, so they survive a snap length. One decoder per thread.
 */
public final class PacketDecoder {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86DD;
    static final int ETHERTYPE_VLAN = 0x8100;
    static final int ETHERTYPE_QINQ = 0x88A8;
    /** Pre-standard QinQ outer tag, still sent by some switches. */
    static final int ETHERTYPE_QINQ_OLD = 0x9100;

    static final int PROTO_ICMP = 1;
    static final int PROTO_TCP = 6;
    static final int PROTO_UDP = 17;
    static final int PROTO_ICMPV6 = 58;
    private static final int EXT_HOP_BY_HOP = 0;
    private static final int EXT_ROUTING = 43;
    private static final int EXT_FRAGMENT = 44;
    private static final int EXT_AUTH = 51;
    private static final int EXT_DEST_OPTIONS = 60;

    /** More tags than this in one frame is taken as garbage, not a real stack. */
    private static final int MAX_VLAN_TAGS = 8;
    private static final int MAX_IPV6_EXTENSIONS = 16;

    /** Linux {@code PACKET_*} types in SLL headers. */
    private static final int SLL_HOST = 0;
    private static final int SLL_MULTICAST = 2;
    private static final int SLL_OUTGOING = 4;

    private static final long BASE_FIELDS = (1L << Packet.TS) | (1L << Packet.LEN) | (1L << Packet.POINT);
    private static final long IPV4_FIELDS = (1L << Packet.IP_VERSION) | (1L << Packet.IP_SRC)
            | (1L << Packet.IP_DST) | (1L << Packet.IP_PROTO) | (1L << Packet.IP_TTL) | (1L << Packet.IP_ID)
            | (1L << Packet.IP_FRAG);
    private static final long IPV6_FIELDS = (1L << Packet.IP_VERSION) | (1L << Packet.IP_SRC)
            | (1L << Packet.IP_DST) | (1L << Packet.IP_TTL);
    private static final long TCP_FIELDS = (1L << Packet.TCP_FLAGS) | (1L << Packet.TCP_SEQ) | (1L << Packet.TCP_ACK) | (1L << Packet.TCP_WIN);
    private static final long PORT_FIELDS = (1L << Packet.L4_SPORT) | (1L << Packet.L4_DPORT);
    private static final long ICMP_FIELDS = (1L << Packet.ICMP_TYPE) | (1L << Packet.ICMP_CODE);

    private final DecodeStats stats = new DecodeStats();

    public DecodeStats stats() {
        return stats;
    }

    /** Overwrites {@code p} with the fields of {@code frame}. */
    public void decode(RawFrame frame, Packet p) {
        p.reset();
        p.present = BASE_FIELDS;
        p.ts = frame.tsMicros;
        p.len = frame.wireLen;
        p.capLen = frame.capLen;
        p.point = frame.point;
        p.data = frame.data;
        p.offset = frame.offset;
        p.ipFrag = false;
        if (frame.dir >= 0) {
            p.dir = frame.dir;
            p.set(Packet.DIR);
        }
        stats.frames++;
        byte[] b = frame.data;
        int off = frame.offset;
        int end = off + frame.capLen;
        switch (frame.linkType) {
            case LinkTypes.ETHERNET:
                ethernet(b, off, end, p);
                break;
            case LinkTypes.LINUX_SLL:
                sll(b, off, end, p);
                break;
            case LinkTypes.LINUX_SLL2:
                sll2(b, off, end, p);
                break;
            case LinkTypes.RAW:
            case LinkTypes.RAW_BSD:
            case LinkTypes.RAW_OPENBSD:
                rawIp(b, off, end, p);
                break;
            case LinkTypes.IPV4:
                ipv4(b, off, end, p);
                break;
            case LinkTypes.IPV6:
                ipv6(b, off, end, p);
                break;
            case LinkTypes.NULL:
            case LinkTypes.LOOP:
                loopback(b, off, end, p);
                break;
            default:
                stats.unsupportedLinkType++;
                break;
        }
    }

    private void ethernet(byte[] b, int off, int end, Packet p) {
        if (end - off < 14) {
            stats.truncated++;
            return;
        }
        etherPayload(b, off + 14, end, u16(b, off + 12), p);
    }

    /** Follows VLAN tags (recording the outermost id) to the network layer that {@code type} names. */
    private void etherPayload(byte[] b, int q, int end, int type, Packet p) {
        int tags = 0;
        while (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD) {
            if (end - q < 4) {
                stats.truncated++;
                return;
            }
            if (++tags > MAX_VLAN_TAGS) {
                stats.malformed++;
                return;
            }
            if (tags == 1) {
                p.vlanId = u16(b, q) & 0x0FFF;
                p.set(Packet.VLAN_ID);
            }
            type = u16(b, q + 2);
            q += 4;
        }
        if (type == ETHERTYPE_IPV4) {
            ipv4(b, q, end, p);
        } else if (type == ETHERTYPE_IPV6) {
            ipv6(b, q, end, p);
        } else {
            stats.nonIp++;
        }
    }

    private void sll(byte[] b, int off, int end, Packet p) {
        if (end - off < 16) {
            stats.truncated++;
            return;
        }
        sllDirection(u16(b, off), p);
        etherPayload(b, off + 16, end, u16(b, off + 14), p);
    }

    private void sll2(byte[] b, int off, int end, Packet p) {
        if (end - off < 20) {
            stats.truncated++;
            return;
        }
        sllDirection(b[off + 10] & 0xFF, p);
        etherPayload(b, off + 20, end, u16(b, off), p);
    }

    /** Outgoing is out; to us, broadcast and multicast are in; another host's packet has no direction. */
    private static void sllDirection(int packetType, Packet p) {
        if (p.has(Packet.DIR)) {
            return;
        }
        if (packetType == SLL_OUTGOING) {
            p.dir = Packet.DIR_OUT;
            p.set(Packet.DIR);
        } else if (packetType >= SLL_HOST && packetType <= SLL_MULTICAST) {
            p.dir = Packet.DIR_IN;
            p.set(Packet.DIR);
        }
    }

    private void rawIp(byte[] b, int off, int end, Packet p) {
        if (end - off < 1) {
            stats.truncated++;
            return;
        }
        int version = (b[off] >> 4) & 0xF;
        if (version == 4) {
            ipv4(b, off, end, p);
        } else if (version == 6) {
            ipv6(b, off, end, p);
        } else {
            stats.malformed++;
        }
    }

    /** A 4-byte address family in either byte order (its value is below 256, so the zero bytes tell). */
    private void loopback(byte[] b, int off, int end, Packet p) {
        if (end - off < 4) {
            stats.truncated++;
            return;
        }
        int family;
        if (b[off + 1] == 0 && b[off + 2] == 0 && b[off + 3] == 0) {
            family = b[off] & 0xFF;
        } else if (b[off] == 0 && b[off + 1] == 0 && b[off + 2] == 0) {
            family = b[off + 3] & 0xFF;
        } else {
            stats.malformed++;
            return;
        }
        // AF_INET is 2 everywhere; AF_INET6 is 10 (Linux), 24 (NetBSD, OpenBSD), 28 (FreeBSD), 30 (macOS).
        if (family == 2) {
            ipv4(b, off + 4, end, p);
        } else if (family == 10 || family == 24 || family == 28 || family == 30) {
            ipv6(b, off + 4, end, p);
        } else {
            stats.nonIp++;
        }
    }

    private void ipv4(byte[] b, int q, int end, Packet p) {
        if (end - q < 20) {
            stats.truncated++;
            return;
        }
        int versionIhl = b[q] & 0xFF;
        int headerLength = (versionIhl & 0xF) << 2;
        int totalLength = u16(b, q + 2);
        if ((versionIhl >> 4) != 4 || headerLength < 20 || totalLength < headerLength) {
            stats.malformed++;
            return;
        }
        int fragment = u16(b, q + 6);
        int fragmentOffset = fragment & 0x1FFF;
        p.l3Offset = q;
        p.ipVersion = 4;
        p.ipId = u16(b, q + 4);
        p.ipTtl = b[q + 8] & 0xFF;
        p.ipProto = b[q + 9] & 0xFF;
        p.ip4Src = i32(b, q + 12);
        p.ip4Dst = i32(b, q + 16);
        p.ipFrag = (fragment & 0x2000) != 0 || fragmentOffset != 0;
        p.present |= IPV4_FIELDS;
        if (fragmentOffset != 0) {
            return;
        }
        int l4 = q + headerLength;
        if (l4 > end) {
            stats.truncated++;
            return;
        }
        transport(b, l4, end, p.ipProto, totalLength - headerLength, PROTO_ICMP, p);
    }

    private void ipv6(byte[] b, int q, int end, Packet p) {
        if (end - q < 40) {
            stats.truncated++;
            return;
        }
        if (((b[q] >> 4) & 0xF) != 6) {
            stats.malformed++;
            return;
        }
        p.l3Offset = q;
        p.ipVersion = 6;
        p.ipTtl = b[q + 7] & 0xFF;
        p.ip6SrcHi = i64(b, q + 8);
        p.ip6SrcLo = i64(b, q + 16);
        p.ip6DstHi = i64(b, q + 24);
        p.ip6DstLo = i64(b, q + 32);
        p.present |= IPV6_FIELDS;
        int remaining = u16(b, q + 4);
        int next = b[q + 6] & 0xFF;
        int h = q + 40;
        for (int i = 0; ; i++) {
            int length;
            if (next == EXT_HOP_BY_HOP || next == EXT_ROUTING || next == EXT_DEST_OPTIONS) {
                if (end - h < 2) {
                    stats.truncated++;
                    return;
                }
                length = ((b[h + 1] & 0xFF) + 1) << 3;
            } else if (next == EXT_AUTH) {
                if (end - h < 2) {
                    stats.truncated++;
                    return;
                }
                length = ((b[h + 1] & 0xFF) + 2) << 2;
            } else if (next == EXT_FRAGMENT) {
                if (end - h < 8) {
                    stats.truncated++;
                    return;
                }
                length = 8;
                int offsetAndFlag = u16(b, h + 2);
                p.ipId = i32(b, h + 4);
                p.set(Packet.IP_ID);
                if ((offsetAndFlag & 0xFFF9) != 0) {
                    // Offset or more-fragments set: a real fragment (an atomic fragment has neither).
                    p.ipFrag = true;
                }
                if ((offsetAndFlag & 0xFFF8) != 0) {
                    // A later fragment: its protocol is known, its L4 header lives in the first fragment.
                    p.ipProto = b[h] & 0xFF;
                    p.present |= (1L << Packet.IP_PROTO) | (1L << Packet.IP_FRAG);
                    return;
                }
            } else {
                break;
            }
            if (i == MAX_IPV6_EXTENSIONS || length > remaining) {
                stats.malformed++;
                return;
            }
            if (end - h < length) {
                stats.truncated++;
                return;
            }
            remaining -= length;
            next = b[h] & 0xFF;
            h += length;
        }
        p.ipProto = next;
        p.present |= (1L << Packet.IP_PROTO) | (1L << Packet.IP_FRAG);
        transport(b, h, end, next, remaining, PROTO_ICMPV6, p);
    }

    /**
     * Reads the L4 header at {@code t}.
     *
     * @param l4Length bytes of L4 header and payload according to the IP header
     * @param icmpProto the ICMP protocol number of this IP version
     */
    private void transport(byte[] b, int t, int end, int proto, int l4Length, int icmpProto, Packet p) {
        if (proto == PROTO_TCP || proto == PROTO_UDP) {
            // Ports lead both headers: kept when a snap length cuts the rest of the header off.
            if (end - t < 4) {
                stats.truncated++;
                return;
            }
            p.l4Offset = t;
            p.sport = u16(b, t);
            p.dport = u16(b, t + 2);
            p.present |= PORT_FIELDS;
        }
        if (proto == PROTO_TCP) {
            if (end - t < 20) {
                stats.truncated++;
                return;
            }
            p.tcpSeq = i32(b, t + 4) & 0xFFFFFFFFL;
            p.tcpAck = i32(b, t + 8) & 0xFFFFFFFFL;
            p.tcpFlags = b[t + 13] & 0xFF;
            p.tcpWin = u16(b, t + 14);
            p.present |= TCP_FIELDS;
            int dataOffset = ((b[t + 12] >> 4) & 0xF) << 2;
            if (dataOffset < 20 || dataOffset > l4Length) {
                stats.malformed++;
                return;
            }
            p.payloadLen = l4Length - dataOffset;
            p.set(Packet.PAYLOAD_LEN);
        } else if (proto == PROTO_UDP) {
            if (end - t < 8) {
                stats.truncated++;
                return;
            }
            int udpLength = u16(b, t + 4);
            if (udpLength < 8) {
                stats.malformed++;
                return;
            }
            p.payloadLen = udpLength - 8;
            p.set(Packet.PAYLOAD_LEN);
        } else if (proto == icmpProto) {
            if (end - t < 4) {
                stats.truncated++;
                return;
            }
            p.l4Offset = t;
            p.icmpType = b[t] & 0xFF;
            p.icmpCode = b[t + 1] & 0xFF;
            p.present |= ICMP_FIELDS;
        }
    }

    private static int u16(byte[] b, int off) {
        return (short) SHORT.get(b, off) & 0xFFFF;
    }

    private static int i32(byte[] b, int off) {
        return (int) INT.get(b, off);
    }

    private static long i64(byte[] b, int off) {
        return (long) LONG.get(b, off);
    }
}
