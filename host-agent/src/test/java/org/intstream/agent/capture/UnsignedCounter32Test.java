package org.intstream.agent.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UnsignedCounter32Test {

    @Test
    void followsTheReadingsAndCarriesOverAWrap() {
        UnsignedCounter32 counter = new UnsignedCounter32();
        assertThat(counter.update(0)).isZero();
        assertThat(counter.update(10)).isEqualTo(10);
        assertThat(counter.update(0xFFFF_FFF0L)).isEqualTo(0xFFFF_FFF0L);
        // libpcap's u_int wrapped past 2^32: 0x10 more before the wrap, 5 after.
        assertThat(counter.update(5)).isEqualTo(0x1_0000_0005L);
        assertThat(counter.total()).isEqualTo(0x1_0000_0005L);
    }

    @Test
    void rejectsValuesOutsideThirtyTwoBits() {
        UnsignedCounter32 counter = new UnsignedCounter32();
        assertThatThrownBy(() -> counter.update(-1)).hasMessageContaining("-1");
        assertThatThrownBy(() -> counter.update(1L << 32)).hasMessageContaining(String.valueOf(1L << 32));
    }
}
