package org.intstream.p4runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.intstream.p4runtime.testswitch.SwitchEndpoint;
import org.intstream.p4runtime.testswitch.SwitchEndpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArbitrationSwitchTest {

    private static SwitchEndpoint device;

    @BeforeAll
    static void startSwitch() throws Exception {
        device = SwitchEndpoints.create("arbitration", 1);
        device.start();
    }

    @AfterAll
    static void stopSwitch() {
        if (device != null) {
            device.stop();
        }
    }

    private static P4RuntimeClient client(long electionId) {
        return P4RuntimeClient.builder(device.target(), device.deviceId(), ElectionId.of(electionId)).build();
    }

    @Test
    void lowerElectionIdIsBackupAndItsWritesAreRefusedUntilThePrimaryLeaves() throws Exception {
        PipelineConfig pipeline = PipelineConfig.fromFiles(TestPrograms.P4INFO, TestPrograms.BMV2_JSON);
        TableEntrySpec entry = TableEntrySpec.builder("l2_exact").exact("dst_mac", "00:00:00:00:00:0a")
                .action(ActionSpec.of("set_egress_port").param("port", 1)).build();
        // Not try-with-resources: the primary is closed mid-test to hand over mastership.
        P4RuntimeClient primary = client(10);
        try (P4RuntimeClient backup = client(5)) {
            assertThat(primary.connect()).isEqualTo(MastershipRole.PRIMARY);
            primary.setPipelineConfig(pipeline);

            BlockingQueue<MastershipEvent> backupEvents = new LinkedBlockingQueue<>();
            backup.addMastershipListener(backupEvents::add);
            assertThat(backup.connect()).isEqualTo(MastershipRole.BACKUP);
            MastershipEvent event = backupEvents.poll(5, TimeUnit.SECONDS);
            assertThat(event.role()).isEqualTo(MastershipRole.BACKUP);
            assertThat(event.primary()).isEqualTo(ElectionId.of(10));
            assertThat(primary.isPrimary()).isTrue();

            backup.usePipeline(pipeline.p4info());
            assertThatThrownBy(() -> backup.insert(entry)).isInstanceOfSatisfying(P4RuntimeException.class,
                    e -> assertThat(e.code()).isEqualTo(Status.Code.PERMISSION_DENIED))
                    .hasMessageContaining("write to device 1 at " + device.target() + " failed: PERMISSION_DENIED")
                    .hasMessageContaining("this client is not the primary (its election id is 5, its role BACKUP, "
                            + "the primary's election id is 10)");
            assertThat(primary.readTableEntries("l2_exact")).isEmpty();

            primary.insert(entry);
            primary.close();
            MastershipEvent promoted = backupEvents.poll(5, TimeUnit.SECONDS);
            assertThat(promoted).isNotNull();
            assertThat(promoted.role()).isEqualTo(MastershipRole.PRIMARY);
            assertThat(backup.isPrimary()).isTrue();
            backup.delete(entry);
            assertThat(backup.readTableEntries("l2_exact")).isEmpty();
        } finally {
            primary.close();
        }
    }

    @Test
    void aHigherElectionIdTakesOverAndTheOldPrimaryIsTold() throws Exception {
        try (P4RuntimeClient first = client(20)) {
            BlockingQueue<MastershipEvent> events = new LinkedBlockingQueue<>();
            first.addMastershipListener(events::add);
            assertThat(first.connect()).isEqualTo(MastershipRole.PRIMARY);
            assertThat(events.poll(5, TimeUnit.SECONDS).role()).isEqualTo(MastershipRole.PRIMARY);
            try (P4RuntimeClient second = client(30)) {
                assertThat(second.connect()).isEqualTo(MastershipRole.PRIMARY);
                MastershipEvent demoted = events.poll(5, TimeUnit.SECONDS);
                assertThat(demoted.role()).isEqualTo(MastershipRole.BACKUP);
                assertThat(demoted.primary()).isEqualTo(ElectionId.of(30));
            }
        }
    }

    @Test
    void theSameElectionIdTwiceIsRefused() throws Exception {
        try (P4RuntimeClient first = client(40); P4RuntimeClient twin = client(40)) {
            assertThat(first.connect()).isEqualTo(MastershipRole.PRIMARY);
            assertThatThrownBy(twin::connect).isInstanceOf(P4RuntimeException.class)
                    .hasMessageStartingWith("arbitration with device 1 at " + device.target()
                            + " (election id 40) failed: INVALID_ARGUMENT");
            assertThat(first.isPrimary()).isTrue();
        }
    }

    @Test
    void anUnreachableSwitchIsAClearError() {
        try (P4RuntimeClient nowhere = P4RuntimeClient.builder("127.0.0.1:1", 1, ElectionId.of(1)).build()) {
            assertThatThrownBy(nowhere::connect).isInstanceOf(P4RuntimeException.class)
                    .hasMessageContaining("arbitration with device 1 at 127.0.0.1:1 (election id 1) failed: UNAVAILABLE");
        }
    }
}
