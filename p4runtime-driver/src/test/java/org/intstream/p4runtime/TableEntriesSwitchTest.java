package org.intstream.p4runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import java.util.List;
import org.intstream.p4runtime.testswitch.SwitchEndpoint;
import org.intstream.p4runtime.testswitch.SwitchEndpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TableEntriesSwitchTest {

    private static SwitchEndpoint device;
    private static P4RuntimeClient client;
    private static PipelineConfig pipeline;

    @BeforeAll
    static void startSwitch() throws Exception {
        device = SwitchEndpoints.create("table-entries", 1);
        device.start();
        client = P4RuntimeClient.builder(device.target(), device.deviceId(), ElectionId.of(1)).build();
        assertThat(client.connect()).isEqualTo(MastershipRole.PRIMARY);
        pipeline = PipelineConfig.fromFiles(TestPrograms.P4INFO, TestPrograms.BMV2_JSON);
    }

    @AfterAll
    static void stopSwitch() {
        if (client != null) {
            client.close();
        }
        if (device != null) {
            device.stop();
        }
    }

    /** Every test starts from a freshly committed pipeline: empty tables, default actions as compiled. */
    @BeforeEach
    void freshPipeline() {
        client.setPipelineConfig(pipeline);
    }

    private static TableEntrySpec l2(String mac, long port) {
        return TableEntrySpec.builder("DriverTestIngress.l2_exact").exact("dst_mac", mac)
                .action(ActionSpec.of("DriverTestIngress.set_egress_port").param("port", port)).build();
    }

    private static TableEntrySpec acl(int priority, String action) {
        return TableEntrySpec.builder("DriverTestIngress.acl").optional("in_port", 3).ternary("ether_type", 0x0800, 0xFFFF)
                .ternary("ipv4_src", "10.0.0.0", "255.255.0.0").range("ttl", 2, 64).priority(priority)
                .action(ActionSpec.of(action).param("index", 9)).build();
    }

    @Test
    void pipelineCookieIdentifiesThePushedPipeline() {
        assertThat(client.pipelineCookie()).hasValue(pipeline.cookie());
    }

    @Test
    void insertReadModifyDeleteOfEveryMatchKind() {
        TableEntrySpec lpm = TableEntrySpec.builder("DriverTestIngress.ipv4_lpm").lpm("ipv4_dst", "10.1.0.0", 16)
                .action(ActionSpec.of("DriverTestIngress.set_next_hop").param("dmac", "00:00:00:00:00:02").param("port", 2))
                .build();
        client.batch().insert(l2("00:00:00:00:00:01", 1)).insert(l2("00:00:00:00:01:00", 4)).insert(lpm)
                .insert(acl(10, "DriverTestIngress.count_only")).write();

        assertThat(client.readTableEntries("l2_exact")).containsExactlyInAnyOrder(l2("00:00:00:00:00:01", 1),
                l2("00:00:00:00:01:00", 4));
        assertThat(client.readTableEntries("ipv4_lpm")).containsExactly(lpm);
        assertThat(client.readTableEntries("acl")).containsExactly(acl(10, "DriverTestIngress.count_only"));

        client.modify(acl(10, "DriverTestIngress.meter_packet"));
        assertThat(client.readTableEntries("acl")).containsExactly(acl(10, "DriverTestIngress.meter_packet"));

        client.delete(TableEntrySpec.builder("l2_exact").exact("dst_mac", "00:00:00:00:00:01").build());
        assertThat(client.readTableEntries("l2_exact")).containsExactly(l2("00:00:00:00:01:00", 4));
    }

    @Test
    void defaultActionIsReplacedAndReadBack() {
        assertThat(client.readDefaultAction("l2_exact")).isEqualTo(ActionSpec.of("NoAction"));
        client.setDefaultAction("l2_exact", ActionSpec.of("set_egress_port").param("port", 7));
        assertThat(client.readDefaultAction("l2_exact"))
                .isEqualTo(ActionSpec.of("DriverTestIngress.set_egress_port").param("port", 7));
        assertThatThrownBy(() -> client.batch().insert(TableEntrySpec.defaultAction("l2_exact", ActionSpec.of("drop"))))
                .isInstanceOf(InvalidEntityException.class).hasMessageContaining("can only be modified");
    }

    @Test
    void duplicateInsertNamesTheEntryThatExists() {
        client.insert(l2("00:00:00:00:00:05", 1));
        assertThatThrownBy(() -> client.insert(l2("00:00:00:00:00:05", 2)))
                .isInstanceOfSatisfying(P4RuntimeException.class, e -> {
                    assertThat(e.code()).isEqualTo(Status.Code.UNKNOWN);
                    assertThat(e.updateErrors()).singleElement().satisfies(u -> {
                        assertThat(u.code()).isEqualTo(Status.Code.ALREADY_EXISTS);
                        assertThat(u.entity()).isEqualTo(
                                "insert table entry DriverTestIngress.l2_exact{dst_mac=0x000000000005}");
                    });
                })
                .hasMessageStartingWith("write to device 1 at " + device.target() + " failed: insert table entry "
                        + "DriverTestIngress.l2_exact{dst_mac=0x000000000005}: ALREADY_EXISTS");
        assertThat(client.readTableEntries("l2_exact")).containsExactly(l2("00:00:00:00:00:05", 1));
    }

    @Test
    void aBatchWithOneRefusedUpdateReportsOnlyThatOneAndAppliesTheRest() {
        client.insert(l2("00:00:00:00:00:05", 1));
        assertThatThrownBy(() -> client.batch().insert(l2("00:00:00:00:00:06", 1)).insert(l2("00:00:00:00:00:05", 1))
                .delete(l2("00:00:00:00:00:09", 1)).write())
                .isInstanceOfSatisfying(P4RuntimeException.class, e -> assertThat(e.updateErrors())
                        .extracting(UpdateError::updateIndex, UpdateError::code)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, Status.Code.ALREADY_EXISTS),
                                org.assertj.core.groups.Tuple.tuple(2, Status.Code.NOT_FOUND)))
                .hasMessageContaining("update 2, delete table entry DriverTestIngress.l2_exact{dst_mac=0x000000000009}: "
                        + "NOT_FOUND");
        assertThat(client.readTableEntries("l2_exact")).containsExactlyInAnyOrder(l2("00:00:00:00:00:05", 1),
                l2("00:00:00:00:00:06", 1));
    }

    @Test
    void unknownNamesFailBeforeAnythingIsSent() {
        WriteBatch batch = client.batch().insert(l2("00:00:00:00:00:07", 1));
        assertThatThrownBy(() -> batch.insert(TableEntrySpec.builder("l2_exactt").exact("dst_mac", 1).action("drop")
                .build())).isInstanceOf(InvalidEntityException.class).hasMessageContaining("unknown table 'l2_exactt'");
        assertThatThrownBy(() -> client.insert(TableEntrySpec.builder("l2_exact").exact("dst_mac", 1)
                .action("forward").build())).hasMessageContaining("unknown action 'forward'");
        assertThatThrownBy(() -> client.insert(TableEntrySpec.builder("acl").exact("in_prt", 1).priority(1)
                .action("drop").build())).hasMessageContaining("has no match field 'in_prt'");
        assertThatThrownBy(() -> client.readTableEntries("nope")).hasMessageContaining("unknown table 'nope'");
        // The first, valid update was never sent either: a batch goes out whole or not at all.
        assertThat(client.readTableEntries("l2_exact")).isEmpty();
        assertThat(List.of(batch.size())).containsExactly(1);
    }
}
