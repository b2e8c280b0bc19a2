package org.intstream.engine.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.intstream.engine.source.RawFrame;
import org.junit.jupiter.api.Test;

/** Header layouts the test captures do not reach, cut and broken headers, and the never-throw promise. */
class PacketDecoderTest {
    private static final int IPV4 = PacketDecoder.ETHERTYPE_IPV4;
    private static final int IPV6 = PacketDecoder.ETHERTYPE_IPV6;

    private final PacketDecoder decoder = new PacketDecoder();
    private final Packet p = new Packet();

    private Packet decode(RawFrame frame) {
        decoder.decode(frame, p);
        return p;
    }

    @Test
    void ipv4WithOptionsReachesTcp() {
        FrameBytes f = FrameBytes.create().ethernet(IPV4).ipv4(6, 20 + 100, 3, 0x4000).tcp(40000, 443, 0x18, 5)
                .zeros(100);
        decode(f.frame(LinkTypes.ETHERNET));
        assertThat(p.ts).isEqualTo(1_700_000_000_000_001L);
        assertThat(p.len).isEqualTo(f.length());
        assertThat(p.point).isEqualTo(3);
        assertThat(p.l3Offset).isEqualTo(5 + 14);
        assertThat(p.l4Offset).isEqualTo(5 + 14 + 32);
        assertThat(IpAddresses.source(p)).isEqualTo("10.0.0.1");
        assertThat(IpAddresses.destination(p)).isEqualTo("192.168.1.2");
        assertThat(p.ipProto).isEqualTo(6);
        assertThat(p.ipTtl).isEqualTo(63);
        assertThat(p.ipId).isEqualTo(0x1234);
        assertThat(p.ipFrag).isFalse();
        assertThat(p.isTcp()).isTrue();
        assertThat(p.sport).isEqualTo(40000);
        assertThat(p.dport).isEqualTo(443);
        assertThat(p.tcpFlags).isEqualTo(Packet.PSH | Packet.ACK);
        assertThat(p.tcpSeq).isEqualTo(0xF0000001L);
        assertThat(p.tcpAck).isEqualTo(0x80000002L);
        assertThat(p.tcpWin).isEqualTo(29200);
        assertThat(p.payloadLen).isEqualTo(100);
        assertThat(p.has(Packet.VLAN_ID)).isFalse();
        assertThat(p.has(Packet.DIR)).isFalse();
        assertThat(p.has(Packet.ICMP_TYPE)).isFalse();
    }

    @Test
    void payloadLengthSurvivesTheSnapLength() {
        FrameBytes f = FrameBytes.create().ethernet(IPV4).ipv4(6, 32 + 1448, 0, 0).tcp(1, 2, 0x10, 8).zeros(1448);
        decode(f.frame(LinkTypes.ETHERNET, 14 + 20 + 20));
        assertThat(p.capLen).isEqualTo(54);
        assertThat(p.len).isEqualTo(14 + 20 + 32 + 1448);
        assertThat(p.payloadLen).isEqualTo(1448);
        assertThat(p.has(Packet.TCP_WIN)).isTrue();
        assertThat(decoder.stats().truncated()).isZero();
    }

    @Test
    void ipv4Fragments() {
        decode(FrameBytes.create().ethernet(IPV4).ipv4(17, 1480, 0, 0x2000).udp(53, 5353, 3000).zeros(1472)
                .frame(LinkTypes.ETHERNET));
        assertThat(p.ipFrag).isTrue();
        assertThat(p.has(Packet.IP_FRAG)).isTrue();
        assertThat(p.sport).isEqualTo(53);
        assertThat(p.payloadLen).as("from the UDP length: the whole datagram").isEqualTo(2992);

        decode(FrameBytes.create().ethernet(IPV4).ipv4(17, 1480, 0, 185).zeros(1480).frame(LinkTypes.ETHERNET));
        assertThat(p.ipFrag).isTrue();
        assertThat(p.ipProto).isEqualTo(17);
        assertThat(p.has(Packet.L4_SPORT)).isFalse();
        assertThat(p.has(Packet.PAYLOAD_LEN)).isFalse();
        assertThat(p.l4Offset).isEqualTo(-1);
    }

    @Test
    void ipv6ExtensionHeadersLeadToTcp() {
        int l4 = 20 + 10;
        int extensions = 8 + 16 + 8 + 12 + 8;
        FrameBytes f = FrameBytes.create().ethernet(IPV6).ipv6(0, extensions + l4)
                .ipv6Extension(43, 1)       // hop-by-hop -> routing
                .ipv6Extension(60, 2)       // routing -> destination options
                .ipv6Extension(51, 1)       // destination options -> AH
                .ipv6Auth(44, 3)            // AH (12 bytes) -> fragment
                .ipv6Fragment(6, 0, false, 0x0BADCAFE)   // atomic fragment -> TCP
                .tcp(22, 50000, Packet.SYN, 5).zeros(10);
        decode(f.frame(LinkTypes.ETHERNET));
        assertThat(p.ipVersion).isEqualTo(6);
        assertThat(IpAddresses.source(p)).isEqualTo("2001:db8::1");
        assertThat(IpAddresses.destination(p)).isEqualTo("fe80::200:0:0:2");
        assertThat(p.ipTtl).isEqualTo(17);
        assertThat(p.ipProto).isEqualTo(6);
        assertThat(p.ipFrag).as("an atomic fragment is whole").isFalse();
        assertThat(p.ipId).isEqualTo(0x0BADCAFE);
        assertThat(p.l4Offset).isEqualTo(5 + 14 + 40 + extensions);
        assertThat(p.sport).isEqualTo(22);
        assertThat(p.tcpFlags).isEqualTo(Packet.SYN);
        assertThat(p.payloadLen).isEqualTo(10);
    }

    @Test
    void ipv6Fragments() {
        decode(FrameBytes.create().ethernet(IPV6).ipv6(44, 8 + 8 + 100).ipv6Fragment(17, 0, true, 7)
                .udp(1000, 2000, 3000).zeros(100).frame(LinkTypes.ETHERNET));
        assertThat(p.ipFrag).isTrue();
        assertThat(p.ipProto).isEqualTo(17);
        assertThat(p.sport).isEqualTo(1000);
        assertThat(p.payloadLen).isEqualTo(2992);

        decode(FrameBytes.create().ethernet(IPV6).ipv6(44, 8 + 100).ipv6Fragment(17, 13, false, 7).zeros(100)
                .frame(LinkTypes.ETHERNET));
        assertThat(p.ipFrag).isTrue();
        assertThat(p.ipProto).isEqualTo(17);
        assertThat(p.ipId).isEqualTo(7);
        assertThat(p.has(Packet.L4_SPORT)).isFalse();
    }

    @Test
    void stackedVlanTagsKeepTheOutermostId() {
        FrameBytes f = FrameBytes.create().ethernet(IPV4).tag(0x88A8, 200).tag(0x8100, 300).tag(0x8100, 400)
                .ipv4(1, 8, 0, 0).icmp(8, 0);
        decode(f.frame(LinkTypes.ETHERNET));
        assertThat(p.vlanId).isEqualTo(200);
        assertThat(p.l3Offset).isEqualTo(5 + 14 + 12);
        assertThat(p.icmpType).isEqualTo(8);

        FrameBytes tooMany = FrameBytes.create().ethernet(IPV4);
        for (int i = 0; i < 9; i++) {
            tooMany.tag(0x8100, i);
        }
        decode(tooMany.ipv4(1, 8, 0, 0).icmp(8, 0).frame(LinkTypes.ETHERNET));
        assertThat(p.has(Packet.IP_SRC)).isFalse();
        assertThat(decoder.stats().malformed()).isEqualTo(1);
    }

    @Test
    void linuxCookedHeadersGiveTheDirection() {
        decode(FrameBytes.create().sll(4, IPV4).ipv4(1, 8, 0, 0).icmp(8, 0).frame(LinkTypes.LINUX_SLL));
        assertThat(p.dir).isEqualTo(Packet.DIR_OUT);
        assertThat(p.icmpType).isEqualTo(8);
        for (int incoming : new int[] {0, 1, 2}) {
            decode(FrameBytes.create().sll(incoming, IPV4).ipv4(1, 8, 0, 0).icmp(0, 0).frame(LinkTypes.LINUX_SLL));
            assertThat(p.dir).isEqualTo(Packet.DIR_IN);
        }
        decode(FrameBytes.create().sll(3, IPV4).ipv4(1, 8, 0, 0).icmp(0, 0).frame(LinkTypes.LINUX_SLL));
        assertThat(p.has(Packet.DIR)).as("another host's packet").isFalse();

        FrameBytes tagged = FrameBytes.create().sll2(4, 0x8100).bytes(0x20, 42, 0x86, 0xDD).ipv6(58, 8).icmp(128, 0);
        decode(tagged.frame(LinkTypes.LINUX_SLL2));
        assertThat(p.dir).isEqualTo(Packet.DIR_OUT);
        assertThat(p.vlanId).isEqualTo(42);
        assertThat(p.icmpType).isEqualTo(128);

        RawFrame known = FrameBytes.create().sll2(4, IPV4).ipv4(1, 8, 0, 0).icmp(8, 0).frame(LinkTypes.LINUX_SLL2);
        known.dir = Packet.DIR_IN;
        decode(known);
        assertThat(p.dir).as("the source's word wins").isEqualTo(Packet.DIR_IN);
    }

    @Test
    void rawIpAndLoopbackLinkTypes() {
        for (int linkType : new int[] {LinkTypes.RAW, LinkTypes.RAW_BSD, LinkTypes.RAW_OPENBSD, LinkTypes.IPV4}) {
            decode(FrameBytes.create().ipv4(17, 8 + 4, 0, 0).udp(1, 2, 12).zeros(4).frame(linkType));
            assertThat(p.payloadLen).as("link type %d", linkType).isEqualTo(4);
            assertThat(p.l3Offset).isEqualTo(5);
        }
        for (int linkType : new int[] {LinkTypes.RAW, LinkTypes.IPV6}) {
            decode(FrameBytes.create().ipv6(17, 8).udp(1, 2, 8).frame(linkType));
            assertThat(p.ipVersion).isEqualTo(6);
            assertThat(p.payloadLen).isZero();
        }
        decode(FrameBytes.create().bytes(0x50, 0, 0, 0).zeros(40).frame(LinkTypes.RAW));
        assertThat(p.has(Packet.IP_VERSION)).isFalse();
        decode(FrameBytes.create().ipv6(17, 8).udp(1, 2, 8).frame(LinkTypes.IPV4));
        assertThat(p.has(Packet.IP_VERSION)).as("IPv6 bytes under the IPv4 link type").isFalse();

        decode(FrameBytes.create().bytes(2, 0, 0, 0).ipv4(1, 8, 0, 0).icmp(3, 1).frame(LinkTypes.NULL));
        assertThat(p.icmpType).isEqualTo(3);
        assertThat(p.icmpCode).isEqualTo(1);
        decode(FrameBytes.create().bytes(0, 0, 0, 2).ipv4(1, 8, 0, 0).icmp(3, 1).frame(LinkTypes.LOOP));
        assertThat(p.icmpType).isEqualTo(3);
        for (int family : new int[] {10, 24, 28, 30}) {
            decode(FrameBytes.create().bytes(family, 0, 0, 0).ipv6(58, 8).icmp(129, 0).frame(LinkTypes.NULL));
            assertThat(p.icmpType).as("family %d", family).isEqualTo(129);
        }
        long nonIp = decoder.stats().nonIp();
        decode(FrameBytes.create().bytes(7, 0, 0, 0).zeros(40).frame(LinkTypes.NULL));
        assertThat(decoder.stats().nonIp()).isEqualTo(nonIp + 1);
    }

    @Test
    void headersCutByTheSnapLengthLeaveTheirFieldsAbsent() {
        FrameBytes tcp = FrameBytes.create().ethernet(IPV4).ipv4(6, 20, 0, 0).tcp(80, 8080, 0x02, 5);
        decode(tcp.frame(LinkTypes.ETHERNET, 14 + 19));
        assertThat(p.has(Packet.IP_VERSION)).isFalse();
        decode(tcp.frame(LinkTypes.ETHERNET, 14 + 20 + 3));
        assertThat(p.has(Packet.IP_SRC)).isTrue();
        assertThat(p.has(Packet.L4_SPORT)).isFalse();
        decode(tcp.frame(LinkTypes.ETHERNET, 14 + 20 + 10));
        assertThat(p.sport).isEqualTo(80);
        assertThat(p.has(Packet.L4_DPORT)).isTrue();
        assertThat(p.has(Packet.TCP_SEQ)).isFalse();
        assertThat(p.has(Packet.TCP_FLAGS)).isFalse();
        assertThat(p.has(Packet.PAYLOAD_LEN)).isFalse();
        assertThat(p.isTcp()).isFalse();

        FrameBytes udp = FrameBytes.create().ethernet(IPV6).ipv6(17, 8).udp(5, 6, 8);
        decode(udp.frame(LinkTypes.ETHERNET, 14 + 40 + 6));
        assertThat(p.dport).isEqualTo(6);
        assertThat(p.has(Packet.PAYLOAD_LEN)).isFalse();

        FrameBytes options = FrameBytes.create().ethernet(IPV4).ipv4(1, 8, 4, 0).icmp(8, 0);
        decode(options.frame(LinkTypes.ETHERNET, 14 + 30));
        assertThat(p.has(Packet.IP_PROTO)).isTrue();
        assertThat(p.has(Packet.ICMP_TYPE)).isFalse();

        decode(FrameBytes.create().ethernet(IPV6).ipv6(0, 16).ipv6Extension(58, 2).frame(LinkTypes.ETHERNET, 14 + 41));
        assertThat(p.has(Packet.IP_SRC)).isTrue();
        assertThat(p.has(Packet.IP_PROTO)).as("the extension chain was cut").isFalse();

        decode(FrameBytes.create().ethernet(IPV4).frame(LinkTypes.ETHERNET, 13));
        assertThat(p.present).isEqualTo((1L << Packet.TS) | (1L << Packet.LEN) | (1L << Packet.POINT));
        assertThat(decoder.stats().truncated()).isEqualTo(7);
    }

    @Test
    void malformedHeadersAreCountedNotTrusted() {
        decode(FrameBytes.create().ethernet(IPV4).bytes(0x44).zeros(39).frame(LinkTypes.ETHERNET));
        assertThat(p.has(Packet.IP_SRC)).as("header length 16").isFalse();
        decode(FrameBytes.create().ethernet(IPV4).ipv6(6, 0).frame(LinkTypes.ETHERNET));
        assertThat(p.has(Packet.IP_SRC)).as("version 6 behind the IPv4 EtherType").isFalse();
        decode(FrameBytes.create().ethernet(IPV4).ipv4(6, -8, 0, 0).zeros(20).frame(LinkTypes.ETHERNET));
        assertThat(p.has(Packet.IP_SRC)).as("total length below the header").isFalse();
        decode(FrameBytes.create().ethernet(IPV4).ipv4(6, 20, 0, 0).tcp(1, 2, 0x10, 4).frame(LinkTypes.ETHERNET));
        assertThat(p.has(Packet.TCP_FLAGS)).isTrue();
        assertThat(p.has(Packet.PAYLOAD_LEN)).as("TCP data offset 16").isFalse();
        decode(FrameBytes.create().ethernet(IPV4).ipv4(17, 8, 0, 0).udp(1, 2, 5).frame(LinkTypes.ETHERNET));
        assertThat(p.has(Packet.PAYLOAD_LEN)).as("UDP length 5").isFalse();
        decode(FrameBytes.create().ethernet(IPV6).ipv6(60, 8).ipv6Extension(6, 2).frame(LinkTypes.ETHERNET));
        assertThat(p.has(Packet.IP_PROTO)).as("extension longer than the payload").isFalse();
        assertThat(decoder.stats().malformed()).isEqualTo(6);

        decode(FrameBytes.create().ethernet(0x0806).zeros(28).frame(LinkTypes.ETHERNET));
        assertThat(decoder.stats().nonIp()).isEqualTo(1);
        decode(FrameBytes.create().zeros(40).frame(147));
        assertThat(decoder.stats().unsupportedLinkType()).isEqualTo(1);
        assertThat(p.has(Packet.LEN)).isTrue();
    }

    @Test
    void aReusedPacketKeepsNothingFromTheLastFrame() {
        decode(FrameBytes.create().sll(4, IPV4).tag(0x8100, 9).ipv4(6, 20, 0, 0).tcp(1, 2, 0x02, 5)
                .frame(LinkTypes.LINUX_SLL));
        decode(FrameBytes.create().ethernet(IPV6).ipv6(58, 8).icmp(135, 0).frame(LinkTypes.ETHERNET));
        assertThat(p.has(Packet.DIR)).isFalse();
        assertThat(p.has(Packet.VLAN_ID)).isFalse();
        assertThat(p.has(Packet.L4_SPORT)).isFalse();
        assertThat(p.has(Packet.TCP_FLAGS)).isFalse();
        assertThat(p.has(Packet.IP_ID)).isFalse();
        assertThat(p.ipFrag).isFalse();
        assertThat(p.icmpType).isEqualTo(135);
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(12345);
        int[] linkTypes = {LinkTypes.ETHERNET, LinkTypes.LINUX_SLL, LinkTypes.LINUX_SLL2, LinkTypes.RAW,
            LinkTypes.IPV4, LinkTypes.IPV6, LinkTypes.NULL, LinkTypes.LOOP, 9999};
        FrameBytes seed = FrameBytes.create().ethernet(IPV6).tag(0x8100, 5).ipv6(0, 60).ipv6Extension(44, 1)
                .ipv6Fragment(6, 0, false, 1).tcp(1, 2, 3, 5).zeros(20);
        RawFrame template = seed.frame(LinkTypes.ETHERNET);
        for (int i = 0; i < 50_000; i++) {
            RawFrame frame = new RawFrame();
            frame.data = template.data.clone();
            for (int changes = random.nextInt(6); changes >= 0; changes--) {
                frame.data[random.nextInt(frame.data.length)] = (byte) random.nextInt(256);
            }
            frame.offset = random.nextInt(8);
            frame.capLen = random.nextInt(frame.data.length - frame.offset + 1);
            frame.wireLen = frame.capLen + random.nextInt(100);
            frame.linkType = linkTypes[random.nextInt(linkTypes.length)];
            decoder.decode(frame, p);
            if (p.has(Packet.L4_SPORT)) {
                assertThat(p.l4Offset).isBetween(frame.offset, frame.offset + frame.capLen - 4);
            }
        }
        assertThat(decoder.stats().frames()).isEqualTo(50_000);
    }
}
