package org.intstream.p4runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class P4ValueTest {

    @Test
    void longsAreCanonicalShortestBigEndian() {
        assertThat(P4Value.of(0).bytes()).containsExactly(0);
        assertThat(P4Value.of(1).bytes()).containsExactly(1);
        assertThat(P4Value.of(255).bytes()).containsExactly(0xFF);
        assertThat(P4Value.of(256).bytes()).containsExactly(1, 0);
        assertThat(P4Value.of(-1).bytes()).hasSize(8).containsOnly(0xFF);
    }

    @Test
    void leadingZeroBytesAreDropped() {
        assertThat(P4Value.of(new byte[] {0, 0, 0x0A, 0}).bytes()).containsExactly(0x0A, 0);
        assertThat(P4Value.of(new byte[] {0, 0}).bytes()).containsExactly(0);
        assertThat(P4Value.of(new byte[] {0, 0, 1})).isEqualTo(P4Value.of(1));
    }

    @Test
    void bitLengthCountsSignificantBits() {
        assertThat(P4Value.of(0).bitLength()).isZero();
        assertThat(P4Value.of(511).bitLength()).isEqualTo(9);
        assertThat(P4Value.of(512).fitsIn(9)).isFalse();
        assertThat(P4Value.of(-1).bitLength()).isEqualTo(64);
    }

    @Test
    void parsesAddressesAndNumbers() {
        assertThat(P4Value.parse("10.0.0.1").bytes()).containsExactly(10, 0, 0, 1);
        assertThat(P4Value.parse("0.0.0.5").bytes()).containsExactly(5);
        assertThat(P4Value.parse("00:11:22:33:44:55").bytes()).containsExactly(0x11, 0x22, 0x33, 0x44, 0x55);
        assertThat(P4Value.parse("aa-bb-cc-dd-ee-ff").toString()).isEqualTo("0xaabbccddeeff");
        assertThat(P4Value.parse("2001:db8::1").toBigInteger().toString(16)).isEqualTo("20010db8000000000000000000000001");
        assertThat(P4Value.parse("::ffff:10.0.0.1").toBigInteger().toString(16)).isEqualTo("ffff0a000001");
        assertThat(P4Value.parse("::").bytes()).containsExactly(0);
        assertThat(P4Value.parse("0x0800")).isEqualTo(P4Value.of(0x800));
        assertThat(P4Value.parse("4096")).isEqualTo(P4Value.of(4096));
    }

    @Test
    void refusesMalformedTextSayingWhy() {
        assertThatThrownBy(() -> P4Value.parse("10.0.0.256")).hasMessageContaining("'10.0.0.256'")
                .hasMessageContaining("above 255");
        assertThatThrownBy(() -> P4Value.parse("10.0.0.01")).hasMessageContaining("leading zero");
        assertThatThrownBy(() -> P4Value.parse("10.0.1")).hasMessageContaining("4 dot-separated parts");
        assertThatThrownBy(() -> P4Value.parse("1::2::3")).hasMessageContaining("'::' only once");
        assertThatThrownBy(() -> P4Value.parse("2001:db8:0:0:0:0:0:0:1")).hasMessageContaining("8 groups");
        assertThatThrownBy(() -> P4Value.parse("fe80::zz")).hasMessageContaining("group 'zz'");
        assertThatThrownBy(() -> P4Value.parse("0xfg")).hasMessageContaining("not a hex number");
        assertThatThrownBy(() -> P4Value.parse("host.example")).hasMessageContaining("'host.example'");
        assertThatThrownBy(() -> P4Value.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> P4Value.of(new byte[0])).hasMessageContaining("empty byte array");
    }

    @Test
    void masksAndPrefixes() {
        assertThat(P4Value.prefixMask(24, 32)).isEqualTo(P4Value.parse("255.255.255.0"));
        assertThat(P4Value.prefixMask(1, 9)).isEqualTo(P4Value.of(0x100));
        assertThat(P4Value.parse("10.1.0.0").isCoveredBy(P4Value.prefixMask(16, 32))).isTrue();
        assertThat(P4Value.parse("10.1.0.1").isCoveredBy(P4Value.prefixMask(16, 32))).isFalse();
    }

    @Test
    void convertsBackToLongAndFixedWidthBytes() {
        assertThat(P4Value.parse("10.0.0.1").toLong()).isEqualTo(0x0A000001L);
        assertThat(P4Value.of(5).toBytes(2)).containsExactly(0, 5);
        assertThatThrownBy(() -> P4Value.of(-1).toLong()).hasMessageContaining("does not fit in a long");
        assertThatThrownBy(() -> P4Value.of(0x10000).toBytes(2)).hasMessageContaining("more than 2 bytes");
    }
}
