package org.intstream.p4runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import p4.v1.P4RuntimeOuterClass.Entity;
import p4.v1.P4RuntimeOuterClass.Update;

class InstalledStateTest {

    private final P4InfoIndex index = TestPrograms.index();
    private final TableEntryCodec codec = new TableEntryCodec(index);
    private final InstalledState state = new InstalledState();

    private PendingUpdate table(Update.Type type, TableEntrySpec spec) {
        return new PendingUpdate(type, Entity.newBuilder().setTableEntry(codec.encode(spec, type != Update.Type.DELETE))
                .build(), spec, spec.describeKey());
    }

    private static TableEntrySpec l2(long mac, long port) {
        return TableEntrySpec.builder("l2_exact").exact("dst_mac", mac)
                .action(ActionSpec.of("set_egress_port").param("port", port)).build();
    }

    @Test
    void insertModifyDeleteKeepTheLatestOfEachEntry() {
        state.applied(table(Update.Type.INSERT, l2(1, 1)));
        state.applied(table(Update.Type.INSERT, l2(2, 2)));
        state.applied(table(Update.Type.MODIFY, l2(1, 7)));
        state.applied(table(Update.Type.DELETE, TableEntrySpec.builder("l2_exact").exact("dst_mac", 2).build()));

        List<PendingUpdate> replay = state.replay();
        assertThat(replay).hasSize(1);
        assertThat(replay.get(0).type()).isEqualTo(Update.Type.INSERT);
        assertThat(codec.decode(replay.get(0).entity().getTableEntry()).action().params().get("port"))
                .isEqualTo(P4Value.of(7));
    }

    @Test
    void replayPutsReplicationFirstAndModifiesDefaultsAndMeters() {
        MeterEntryCodec meters = new MeterEntryCodec(index);
        MeterConfigSpec meter = new MeterConfigSpec("port_meter", 3, 10, 2, 20, 4);
        state.applied(new PendingUpdate(Update.Type.MODIFY, meters.encode(meter), meter, meter.describe()));
        TableEntrySpec defaultDrop = TableEntrySpec.defaultAction("l2_exact", ActionSpec.of("drop"));
        state.applied(table(Update.Type.MODIFY, defaultDrop));
        state.applied(table(Update.Type.INSERT, l2(1, 1)));
        CloneSessionSpec session = CloneSessionSpec.toPort(100, 255);
        state.applied(new PendingUpdate(Update.Type.INSERT, PreEntryCodec.encode(session), session, session.describe()));

        List<PendingUpdate> replay = state.replay();
        assertThat(replay).extracting(PendingUpdate::type).containsExactly(Update.Type.INSERT, Update.Type.INSERT,
                Update.Type.MODIFY, Update.Type.MODIFY);
        assertThat(replay.get(0).entity().hasPacketReplicationEngineEntry()).isTrue();
        assertThat(replay.get(2).entity().getTableEntry().getIsDefaultAction()).isTrue();
        assertThat(replay.get(3).entity().hasMeterEntry()).isTrue();

        state.applied(new PendingUpdate(Update.Type.DELETE, PreEntryCodec.cloneSessionKey(100), null, "clone session 100"));
        assertThat(state.replay()).hasSize(3);
    }

    @Test
    void aNewPipelineForgetsTheOldEntries() throws Exception {
        state.applied(table(Update.Type.INSERT, l2(1, 1)));
        PipelineConfig pipeline = PipelineConfig.fromFiles(TestPrograms.P4INFO, TestPrograms.BMV2_JSON);
        state.pipelineSet(pipeline);
        assertThat(state.replay()).isEmpty();
        assertThat(state.pipeline()).isSameAs(pipeline);
        assertThat(state.isEmpty()).isFalse();
    }
}
