package org.intstream.agent.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;

class NicOffloadsTest {

    private static final String SAMPLE = String.join("\n",
            "Features for veth0:",
            "rx-checksumming: on",
            "tcp-segmentation-offload: on",
            "\ttx-tcp-segmentation: on",
            "\ttx-tcp-ecn-segmentation: off [fixed]",
            "generic-segmentation-offload: off",
            "generic-receive-offload: on",
            "large-receive-offload: off [fixed]",
            "rx-gro-list: off");

    @Test
    void parsesTheTopLevelFeatureLines() throws IOException {
        OffloadState state = NicOffloads.parse("veth0", SAMPLE);
        assertThat(state).isEqualTo(new OffloadState("veth0", true, false, true, false));
        assertThat(state.allOff()).isFalse();
        assertThat(state.enabled()).containsExactly("gro", "tso");
    }

    @Test
    void outputWithoutAFeatureIsAnError() {
        String withoutLro = SAMPLE.replace("large-receive-offload: off [fixed]\n", "");
        assertThatThrownBy(() -> NicOffloads.parse("veth0", withoutLro))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("large-receive-offload");
    }

    @Test
    void aMissingEthtoolIsReportedClearly() {
        NicOffloads offloads = new NicOffloads("/nonexistent/ethtool");
        assertThatThrownBy(() -> offloads.disableOffloads("eth0"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("/nonexistent/ethtool")
                .hasMessageContaining("install the ethtool package")
                .hasMessageContaining("'eth0'");
    }

    @Test
    void aBadInterfaceNameIsRejectedBeforeRunningEthtool() {
        assertThatThrownBy(() -> NicOffloads.read("-k"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'-k'");
        assertThatThrownBy(() -> NicOffloads.read("a/b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnknownInterfaceIsReportedWithEthtoolsWords() {
        assumeTrue(VethLab.available(), "needs root and ethtool");
        assertThatThrownBy(() -> NicOffloads.disable("nosuch-if0"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("'nosuch-if0'")
                .hasMessageContaining("No such device");
    }

    @Test
    void disableTurnsEveryOffloadOffOnAVeth() throws IOException {
        assumeTrue(VethLab.available(), "needs root and ip netns");
        try (VethLab lab = VethLab.create()) {
            // A fresh veth segments in software: GSO and TSO on.
            OffloadState before = NicOffloads.read(lab.rootA);
            assertThat(before.enabled()).contains("gso", "tso");

            OffloadState after = NicOffloads.disable(lab.rootA);
            assertThat(after).isEqualTo(new OffloadState(lab.rootA, false, false, false, false));
            assertThat(NicOffloads.read(lab.rootA)).isEqualTo(after);
            // Idempotent: ethtool has nothing left to change and that is fine.
            assertThat(NicOffloads.disable(lab.rootA).allOff()).isTrue();
        }
    }
}
