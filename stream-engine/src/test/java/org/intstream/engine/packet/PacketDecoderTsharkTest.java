package org.intstream.engine.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.intstream.engine.source.RawFrame;
import org.intstream.engine.source.TestCaptures;
import org.intstream.engine.source.TraceReader;
import org.intstream.engine.source.TraceReaders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decodes every frame of every test capture and compares every field with what tshark exported for it
 * (make-pcaps.sh): a field tshark has must be ours with the same value, and a field tshark lacks must be
 * absent here.
 */
class PacketDecoderTsharkTest {

    static Stream<String> captures() {
        return Stream.concat(TestCaptures.MADE.stream(), TestCaptures.PUBLIC.stream());
    }

    @ParameterizedTest
    @MethodSource("captures")
    void everyFieldMatchesTshark(String capture) throws IOException {
        TsharkExport tshark = TsharkExport.read(TestCaptures.tsharkExport(capture));
        List<String> mismatches = new ArrayList<>();
        int frames = 0;
        PacketDecoder decoder = new PacketDecoder();
        try (TraceReader reader = TraceReaders.open(TestCaptures.path(capture))) {
            RawFrame frame = new RawFrame();
            Packet packet = new Packet();
            while (reader.next(frame)) {
                assertThat(frames).as("frames in %s", capture).isLessThan(tshark.size());
                decoder.decode(frame, packet);
                compare(tshark, frames, packet, mismatches);
                frames++;
            }
        }
        assertThat(frames).as("frames in %s", capture).isEqualTo(tshark.size());
        assertThat(mismatches).as("fields differing from tshark in %s", capture).isEmpty();
        assertThat(decoder.stats().frames()).isEqualTo(frames);
    }

    private static void compare(TsharkExport t, int i, Packet p, List<String> mismatches) {
        Map<String, Object> expected = new java.util.LinkedHashMap<>();
        Map<String, Object> actual = new java.util.LinkedHashMap<>();
        BigDecimal epoch = new BigDecimal(t.first(i, "frame.time_epoch"));
        expected.put("ts", epoch.movePointRight(6).setScale(0, RoundingMode.FLOOR).longValueExact());
        actual.put("ts", p.has(Packet.TS) ? p.ts : null);
        expected.put("len", t.number(i, "frame.len").intValue());
        actual.put("len", p.has(Packet.LEN) ? p.len : null);
        expected.put("capLen", t.number(i, "frame.cap_len").intValue());
        actual.put("capLen", p.capLen);
        expected.put("dir", expectedDirection(t, i));
        actual.put("dir", p.has(Packet.DIR) ? p.dir : null);
        Long outerTag = t.number(i, "ieee8021ad.id");
        expected.put("vlan", outerTag != null ? outerTag : t.number(i, "vlan.id"));
        actual.put("vlan", p.has(Packet.VLAN_ID) ? (long) p.vlanId : null);

        Long version = t.number(i, "ip.version");
        expected.put("ip.version", version);
        actual.put("ip.version", p.has(Packet.IP_VERSION) ? (long) p.ipVersion : null);
        if (version != null && version == 4) {
            expected.put("ip.src", t.first(i, "ip.src"));
            expected.put("ip.dst", t.first(i, "ip.dst"));
            expected.put("ip.proto", t.number(i, "ip.proto"));
            expected.put("ip.ttl", t.number(i, "ip.ttl"));
            expected.put("ip.id", t.number(i, "ip.id"));
            expected.put("ip.frag", "1".equals(t.first(i, "ip.flags.mf")) || t.number(i, "ip.frag_offset") != 0);
        } else if (version != null && version == 6) {
            expected.put("ip.src", t.first(i, "ipv6.src"));
            expected.put("ip.dst", t.first(i, "ipv6.dst"));
            expected.put("ip.proto", ipv6UpperProtocol(t, i));
            expected.put("ip.ttl", t.number(i, "ipv6.hlim"));
            expected.put("ip.id", t.number(i, "ipv6.fraghdr.ident"));
            Long fragmentOffset = t.number(i, "ipv6.fraghdr.offset");
            expected.put("ip.frag", fragmentOffset != null
                    && (fragmentOffset != 0 || "1".equals(t.first(i, "ipv6.fraghdr.more"))));
        }
        if (version != null) {
            actual.put("ip.src", IpAddresses.source(p));
            actual.put("ip.dst", IpAddresses.destination(p));
            actual.put("ip.proto", p.has(Packet.IP_PROTO) ? (long) p.ipProto : null);
            actual.put("ip.ttl", p.has(Packet.IP_TTL) ? (long) p.ipTtl : null);
            actual.put("ip.id", p.has(Packet.IP_ID) ? Integer.toUnsignedLong(p.ipId) : null);
            actual.put("ip.frag", p.has(Packet.IP_FRAG) ? p.ipFrag : null);
        }

        Long icmpType = t.number(i, "icmp.type") != null ? t.number(i, "icmp.type") : t.number(i, "icmpv6.type");
        Long icmpCode = t.number(i, "icmp.code") != null ? t.number(i, "icmp.code") : t.number(i, "icmpv6.code");
        expected.put("icmp.type", icmpType);
        expected.put("icmp.code", icmpCode);
        actual.put("icmp.type", p.has(Packet.ICMP_TYPE) ? (long) p.icmpType : null);
        actual.put("icmp.code", p.has(Packet.ICMP_CODE) ? (long) p.icmpCode : null);
        // An ICMP error quotes the offending packet's headers; tshark shows their ports, we decode none.
        boolean quoted = icmpType != null;
        Long udpLength = quoted ? null : t.number(i, "udp.length");
        expected.put("sport", quoted ? null : either(t.number(i, "tcp.srcport"),
                t.number(i, "udp.srcport")));
        expected.put("dport", quoted ? null : either(t.number(i, "tcp.dstport"),
                t.number(i, "udp.dstport")));
        Long flags = quoted ? null : t.number(i, "tcp.flags");
        expected.put("tcp.flags", flags == null ? null : flags & 0xFF);
        expected.put("tcp.seq", quoted ? null : t.number(i, "tcp.seq_raw"));
        expected.put("tcp.ack", quoted ? null : t.number(i, "tcp.ack_raw"));
        expected.put("tcp.win", quoted ? null : t.number(i, "tcp.window_size_value"));
        expected.put("payload.len", quoted ? null
                : t.number(i, "tcp.len") != null ? t.number(i, "tcp.len") : udpLength == null ? null : udpLength - 8);
        actual.put("sport", p.has(Packet.L4_SPORT) ? (long) p.sport : null);
        actual.put("dport", p.has(Packet.L4_DPORT) ? (long) p.dport : null);
        actual.put("tcp.flags", p.has(Packet.TCP_FLAGS) ? (long) p.tcpFlags : null);
        actual.put("tcp.seq", p.has(Packet.TCP_SEQ) ? p.tcpSeq : null);
        actual.put("tcp.ack", p.has(Packet.TCP_ACK) ? p.tcpAck : null);
        actual.put("tcp.win", p.has(Packet.TCP_WIN) ? (long) p.tcpWin : null);
        actual.put("payload.len", p.has(Packet.PAYLOAD_LEN) ? (long) p.payloadLen : null);

        for (String field : expected.keySet()) {
            Object want = expected.get(field);
            Object got = actual.get(field);
            if (!Objects.equals(want, got)) {
                mismatches.add("frame " + (i + 1) + " " + field + ": ours " + got + ", tshark " + want);
            }
        }
        for (String field : actual.keySet()) {
            if (!expected.containsKey(field) && actual.get(field) != null) {
                mismatches.add("frame " + (i + 1) + " " + field + ": ours " + actual.get(field) + ", tshark none");
            }
        }
    }

    private static Long either(Long a, Long b) {
        return a != null ? a : b;
    }

    /** Linux packet type 4 is outgoing; to us, broadcast and multicast are incoming; epb_flags 1 in, 2 out. */
    private static Integer expectedDirection(TsharkExport t, int i) {
        Long sllType = t.number(i, "sll.pkttype");
        if (sllType != null) {
            return sllType == 4 ? Packet.DIR_OUT : sllType <= 2 ? Packet.DIR_IN : null;
        }
        Long flags = t.number(i, "frame.packet_flags_direction");
        if (flags != null && (flags == 1 || flags == 2)) {
            return flags == 1 ? Packet.DIR_IN : Packet.DIR_OUT;
        }
        return null;
    }

    /** Follows tshark's next-header fields through the extension headers to the upper-layer protocol. */
    private static Long ipv6UpperProtocol(TsharkExport t, int i) {
        Long next = t.number(i, "ipv6.nxt");
        for (int hops = 0; next != null && hops < 8; hops++) {
            String field = next == 0 ? "ipv6.hopopts.nxt" : next == 43 ? "ipv6.routing.nxt"
                    : next == 44 ? "ipv6.fraghdr.nxt" : next == 60 ? "ipv6.dstopts.nxt" : null;
            if (field == null || t.number(i, field) == null) {
                return next;
            }
            next = t.number(i, field);
        }
        return next;
    }
}
