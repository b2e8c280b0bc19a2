package org.intstream.query.expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.intstream.query.type.Type;

/**
 * The packet fields a query can read (DESIGN.md, "The logical plan"). A field a packet lacks is absent,
 * never zero: {@code l4.dport} of an ICMP packet is absent, and so is every TCP field of a later IP fragment.
 *
 * <p>Slots 0–31 are the packet's header fields (the engine's presence bits use the same numbers); 32–47
 * the TCP flag bits as booleans; 48 and up the fields of the TCP connection analysis.
 */
public final class FieldCatalog {
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
    /** tcp.flags.fin .. tcp.flags.cwr: slot FLAG_BASE + bit index of the flag. */
    public static final int FLAG_BASE = 32;
    public static final int TCP_RETRANSMISSION = 48;
    public static final int TCP_ACK_RTT = 49;
    public static final int TCP_HANDSHAKE = 50;
    public static final int TCP_CLIENT = 51;
    public static final int TCP_CLIENT_PORT = 52;
    public static final int TCP_SERVER = 53;
    public static final int TCP_SERVER_PORT = 54;
    public static final int TCP_RTT = 55;

    private static final String[] FLAG_NAMES = {"fin", "syn", "rst", "psh", "ack", "urg", "ece", "cwr"};

    private static final Map<String, Field> FIELDS = new LinkedHashMap<>();

    static {
        header("ts", Type.TIMESTAMP, TS, 64, "capture time, microseconds since the Unix epoch");
        header("len", Type.INT, LEN, 32, "frame length on the wire (not the captured length)");
        header("ip.version", Type.INT, IP_VERSION, 8, "4 or 6");
        header("ip.src", Type.IP, IP_SRC, 128, "IPv4 or IPv6 source address");
        header("ip.dst", Type.IP, IP_DST, 128, "IPv4 or IPv6 destination address");
        header("ip.proto", Type.INT, IP_PROTO, 8, "IP protocol (IPv6: the upper-layer next header): 6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6");
        header("ip.ttl", Type.INT, IP_TTL, 8, "IPv4 TTL or IPv6 hop limit");
        header("ip.id", Type.INT, IP_ID, 32, "IPv4 identification (IPv6: fragment identification when fragmented)");
        header("ip.frag", Type.BOOL, IP_FRAG, 1, "true for any fragment of a fragmented IP packet");
        header("l4.sport", Type.INT, L4_SPORT, 16, "TCP or UDP source port");
        header("l4.dport", Type.INT, L4_DPORT, 16, "TCP or UDP destination port");
        header("tcp.flags", Type.INT, TCP_FLAGS, 8, "TCP flags byte (FIN 1, SYN 2, RST 4, PSH 8, ACK 16, URG 32, ECE 64, CWR 128)");
        header("tcp.seq", Type.INT, TCP_SEQ, 32, "TCP sequence number (raw, unsigned)");
        header("tcp.ack", Type.INT, TCP_ACK, 32, "TCP acknowledgement number (raw, unsigned)");
        header("tcp.win", Type.INT, TCP_WIN, 16, "TCP window field (unscaled)");
        header("payload.len", Type.INT, PAYLOAD_LEN, 32, "TCP or UDP payload length, from the header lengths (survives a snap length)");
        header("icmp.type", Type.INT, ICMP_TYPE, 8, "ICMP or ICMPv6 type");
        header("icmp.code", Type.INT, ICMP_CODE, 8, "ICMP or ICMPv6 code");
        header("vlan.id", Type.INT, VLAN_ID, 12, "outermost 802.1Q/802.1ad VLAN id");
        header("point", Type.STRING, POINT, 64, "where the packet was observed: host/interface, switch/port, or a trace's name");
        header("dir", Type.STRING, DIR, 64, "\"in\" or \"out\" at the observation point, when known");
        for (int i = 0; i < FLAG_NAMES.length; i++) {
            header("tcp.flags." + FLAG_NAMES[i], Type.BOOL, FLAG_BASE + i, 1,
                    "TCP " + FLAG_NAMES[i].toUpperCase() + " flag is set");
        }
        derived("tcp.analysis.retransmission", Type.BOOL, TCP_RETRANSMISSION, 1,
                "this segment carries sequence space already sent (Wireshark's tcp.analysis.retransmission)");
        derived("tcp.analysis.ack_rtt", Type.INT, TCP_ACK_RTT, 64,
                "on an ACK: microseconds since the data segment it acknowledges (Wireshark's tcp.analysis.ack_rtt)");
        derived("tcp.rtt", Type.INT, TCP_RTT, 64,
                "on an ACK: tcp.analysis.ack_rtt by Karn's rule, absent when the acknowledged segment was retransmitted");
        derived("tcp.analysis.handshake", Type.BOOL, TCP_HANDSHAKE, 1,
                "this is the client's ACK that completes a three-way handshake");
        derived("tcp.conn.client", Type.IP, TCP_CLIENT, 128, "the connection's client (the SYN's sender)");
        derived("tcp.conn.client_port", Type.INT, TCP_CLIENT_PORT, 16, "the client's port");
        derived("tcp.conn.server", Type.IP, TCP_SERVER, 128, "the connection's server");
        derived("tcp.conn.server_port", Type.INT, TCP_SERVER_PORT, 16, "the server's port");
    }

    private FieldCatalog() {
    }

    private static void header(String name, Type type, int slot, int bits, String description) {
        FIELDS.put(name, new Field(name, type, slot, bits, false, description));
    }

    private static void derived(String name, Type type, int slot, int bits, String description) {
        FIELDS.put(name, new Field(name, type, slot, bits, true, description));
    }

    /** The field of that name, or null. */
    public static Field lookup(String name) {
        return FIELDS.get(name);
    }

    public static List<Field> all() {
        return Collections.unmodifiableList(new ArrayList<>(FIELDS.values()));
    }
}
