package org.intstream.p4runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    @Test
    void delaysGrowByTheMultiplierUpToTheMaximum() {
        ReconnectBackoff b = new ReconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(1000), 2);
        assertThat(b.delay(0)).isEqualTo(Duration.ofMillis(100));
        assertThat(b.delay(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(b.delay(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(b.delay(4)).isEqualTo(Duration.ofMillis(1000));
        assertThat(b.delay(500)).isEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ZERO, Duration.ofSeconds(1), 2))
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2))
                .hasMessageContaining("below the initial");
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5))
                .hasMessageContaining("at least 1");
    }
}
