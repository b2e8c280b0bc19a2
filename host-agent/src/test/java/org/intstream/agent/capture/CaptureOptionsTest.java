package org.intstream.agent.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CaptureOptionsTest {

    @Test
    void defaults() {
        CaptureOptions d = CaptureOptions.DEFAULTS;
        assertThat(d.snaplen()).isEqualTo(CaptureOptions.MAX_SNAPLEN);
        assertThat(d.promiscuous()).isFalse();
        assertThat(d.timeoutMillis()).isEqualTo(100);
        assertThat(d.bufferSize()).isEqualTo(4 << 20);
        assertThat(d.filter()).isEmpty();
        assertThat(d.hasFilter()).isFalse();
        assertThat(d.direction()).isEqualTo(CaptureDirection.INOUT);
        assertThat(d.immediate()).isTrue();
        assertThat(d.statsIntervalMillis()).isEqualTo(1000);
    }

    @Test
    void withCopiesChangeOneSettingAndLeaveTheOriginal() {
        CaptureOptions o = CaptureOptions.DEFAULTS.withSnaplen(96).withPromiscuous(true).withTimeoutMillis(5)
                .withBufferSize(1 << 20).withFilter("  tcp port 80 ").withDirection(CaptureDirection.OUT)
                .withImmediate(false).withStatsIntervalMillis(250);
        assertThat(o.snaplen()).isEqualTo(96);
        assertThat(o.promiscuous()).isTrue();
        assertThat(o.timeoutMillis()).isEqualTo(5);
        assertThat(o.bufferSize()).isEqualTo(1 << 20);
        assertThat(o.filter()).isEqualTo("tcp port 80");
        assertThat(o.hasFilter()).isTrue();
        assertThat(o.direction()).isEqualTo(CaptureDirection.OUT);
        assertThat(o.immediate()).isFalse();
        assertThat(o.statsIntervalMillis()).isEqualTo(250);

        assertThat(CaptureOptions.DEFAULTS.snaplen()).isEqualTo(CaptureOptions.MAX_SNAPLEN);
        assertThat(CaptureOptions.DEFAULTS.withSnaplen(96)).isEqualTo(CaptureOptions.DEFAULTS.withSnaplen(96))
                .hasSameHashCodeAs(CaptureOptions.DEFAULTS.withSnaplen(96))
                .isNotEqualTo(CaptureOptions.DEFAULTS);
        assertThat(o.toString()).contains("snaplen=96", "filter=\"tcp port 80\"", "direction=OUT");
    }

    @Test
    void badValuesAreRejectedWithTheirName() {
        assertThatThrownBy(() -> CaptureOptions.DEFAULTS.withSnaplen(0)).hasMessageContaining("snaplen");
        assertThatThrownBy(() -> CaptureOptions.DEFAULTS.withSnaplen(CaptureOptions.MAX_SNAPLEN + 1))
                .hasMessageContaining("snaplen");
        assertThatThrownBy(() -> CaptureOptions.DEFAULTS.withTimeoutMillis(0)).hasMessageContaining("timeoutMillis");
        assertThatThrownBy(() -> CaptureOptions.DEFAULTS.withBufferSize(0)).hasMessageContaining("bufferSize");
        assertThatThrownBy(() -> CaptureOptions.DEFAULTS.withStatsIntervalMillis(0))
                .hasMessageContaining("statsIntervalMillis");
        assertThatThrownBy(() -> CaptureOptions.DEFAULTS.withFilter(null)).hasMessageContaining("filter");
        assertThatThrownBy(() -> CaptureOptions.DEFAULTS.withDirection(null)).hasMessageContaining("direction");
    }
}
