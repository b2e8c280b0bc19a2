package org.intstream.query.switchgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.intstream.query.partition.SwitchMatch;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.partition.TupleMasks;
import org.junit.jupiter.api.Test;

class SlotAllocatorTest {
    private static SwitchStage stage(String name) {
        return new SwitchStage(name, List.of(SwitchMatch.ANY), new TupleMasks(-1, 0, 0, 0, 0), null,
                SwitchStage.Operation.PACKETS, 10, 5_000_000, 256, false, List.of("src"));
    }

    @Test
    void placeTakesTheLowestFreeSlotAndRemoveFreesIt() {
        SlotAllocator a = new SlotAllocator("s1");
        for (int i = 0; i < IntStreamP4.SLOTS; i++) {
            assertThat(a.place(stage("q" + i)).slot()).isEqualTo(i);
        }
        assertThatThrownBy(() -> a.place(stage("q9"))).isInstanceOf(SwitchResourceException.class)
                .hasMessageContaining("no free query slot for q9").hasMessageContaining("[q0, q1, q2, q3]")
                .extracting(e -> ((SwitchResourceException) e).resource()).isEqualTo("query slots");
        assertThat(a.remove("q1").slot()).isEqualTo(1);
        SlotProgram p = a.place(stage("q9"));
        assertThat(p.slot()).isEqualTo(1);
        assertThat(p.entries()).allSatisfy(e -> assertThat(e.table()).isEqualTo("IntStreamIngress.slot1.filter"));
        assertThatThrownBy(() -> a.place(stage("q9"))).hasMessageContaining("already installed");
        assertThatThrownBy(() -> a.remove("nope")).hasMessageContaining("not installed on s1");
    }

    @Test
    void stagesThatDoNotFitNameTheResource() {
        SlotAllocator a = new SlotAllocator("s1");
        assertThatThrownBy(() -> a.place(stage("wide").withWidth(4096)))
                .extracting(e -> ((SwitchResourceException) e).resource()).isEqualTo("sketch row cells");
        SwitchStage many = new SwitchStage("many", java.util.Collections.nCopies(65, SwitchMatch.ANY),
                TupleMasks.NONE, null, SwitchStage.Operation.PACKETS, 1, 5_000_000, 256, false, List.of());
        assertThatThrownBy(() -> a.place(many)).hasMessageContaining("needs 65 filter entries")
                .extracting(e -> ((SwitchResourceException) e).resource()).isEqualTo("slot filter entries");
        assertThat(a.installed()).isEmpty();
    }

    @Test
    void configureCarriesTheWholeStage() {
        SlotProgram p = SlotProgram.of(stage("q").withThreshold(77), 2);
        assertThat(p.entries()).hasSize(1);
        var params = p.entries().get(0).params();
        assertThat(params.get("key_src")).isEqualTo(BigInteger.valueOf(0xFFFFFFFFL));
        assertThat(params.get("report_threshold")).isEqualTo(BigInteger.valueOf(77));
        assertThat(params.get("row_width_mask")).isEqualTo(BigInteger.valueOf(255));
        assertThat(params.get("reciprocal")).isEqualTo(EpochClock.reciprocal(5_000_000));
        assertThat(p.sketchCounter()).isEqualTo("IntStreamIngress.slot2.sketch_counter");
    }
}
