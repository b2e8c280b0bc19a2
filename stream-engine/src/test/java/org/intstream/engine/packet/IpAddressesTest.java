package org.intstream.engine.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {

    @Test
    void v4RoundTrips() throws UnknownHostException {
        assertThat(IpAddresses.v4ToString(0x0A4D0001)).isEqualTo("10.77.0.1");
        assertThat(IpAddresses.v4ToString(0xFFFFFFFF)).isEqualTo("255.255.255.255");
        assertThat(IpAddresses.v4ToString(0)).isEqualTo("0.0.0.0");
        assertThat(IpAddresses.parseV4("192.168.1.2")).isEqualTo(0xC0A80102);
        Random random = new Random(1);
        for (int i = 0; i < 1000; i++) {
            int address = random.nextInt();
            String text = IpAddresses.v4ToString(address);
            assertThat(IpAddresses.parseV4(text)).isEqualTo(address);
            assertThat(text).isEqualTo(InetAddress.getByAddress(ByteBuffer.allocate(4).putInt(address).array())
                    .getHostAddress());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1..2.3", "1.2.3.4 ", "a.b.c.d",
        "1.2.3.-4", "1234.1.1.1"})
    void v4RejectsBadText(String text) {
        assertThatThrownBy(() -> IpAddresses.parseV4(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an IPv4 address: \"" + text + "\"");
    }

    @ParameterizedTest
    @CsvSource({
        "2001:db8::1, 2001:0db8:0000:0000:0000:0000:0000:0001",
        "::, 0:0:0:0:0:0:0:0",
        "::1, 0:0:0:0:0:0:0:1",
        "1::, 1:0:0:0:0:0:0:0",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1::1, 2001:0:0:1:0:0:0:1",
        "2001:db8::1:0:0:1, 2001:db8:0:0:1:0:0:1",
        "fe80::839:84ff:fe3b:9514, FE80:0:0:0:0839:84FF:FE3B:9514",
        "::ffff:10.77.0.1, ::ffff:a4d:1",
        "ff02::1:ff00:2, ff02:0:0:0:0:1:ff00:2",
        "2001:db8:aaaa:bbbb:cccc:dddd:eeee:1, 2001:db8:aaaa:bbbb:cccc:dddd:eeee:0001"
    })
    void v6CanonicalText(String canonical, String input) {
        long[] parsed = IpAddresses.parseV6(input);
        assertThat(IpAddresses.v6ToString(parsed[0], parsed[1])).isEqualTo(canonical);
        long[] again = IpAddresses.parseV6(canonical);
        assertThat(again).containsExactly(parsed);
    }

    @Test
    void v6ParsesLikeTheJdk() throws UnknownHostException {
        Random random = new Random(2);
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            for (int j = 0; j < 16; j += 2) {
                if (random.nextInt(3) == 0) {
                    bytes[j] = 0;
                    bytes[j + 1] = 0;
                }
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            long hi = b.getLong();
            long lo = b.getLong();
            String text = IpAddresses.v6ToString(hi, lo);
            assertThat(IpAddresses.parseV6(text)).containsExactly(hi, lo);
            // The JDK accepts our canonical text and means the same address.
            assertThat(InetAddress.getByName(text).getAddress()).isEqualTo(bytes);
            assertThat(text).doesNotContain(":::").matches("[0-9a-f:.]+").doesNotContainPattern("(^|:)0[0-9a-f]");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", ":1::", "1:", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
        "12345::", "g::", "1:2:3:4:5:6:7::8", "fe80::1%eth0", "::1.2.3", "1:2:3:4:5:6:7:1.2.3.4"})
    void v6RejectsBadText(String text) {
        assertThatThrownBy(() -> IpAddresses.parseV6(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an")
                .hasMessageContaining("\"" + text + "\"");
    }

    @Test
    void packetAddressesAreAbsentWithoutIp() {
        Packet packet = new Packet();
        packet.reset();
        assertThat(IpAddresses.source(packet)).isNull();
        assertThat(IpAddresses.destination(packet)).isNull();
    }
}
