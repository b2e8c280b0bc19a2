package org.intstream.softswitch.p4runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.intstream.softswitch.Frames;
import org.junit.jupiter.api.Test;
import p4.v1.P4RuntimeOuterClass;
import p4.v1.P4RuntimeOuterClass.Entity;
import p4.v1.P4RuntimeOuterClass.FieldMatch;
import p4.v1.P4RuntimeOuterClass.Update;

/**
 * The data plane keeps running while a controller writes and reads: packets flow on one thread while
 * table entries come and go and counters are read over P4Runtime on another, and every packet is
 * forwarded by the entries in force when it ran (one port or the other, never a broken state).
 */
class ConcurrentControlAndDataTest {

    @Test
    void writesAndReadsInterleaveWithPackets() throws Exception {
        SwitchDevice device = new SwitchDevice(1, 255);
        try (P4RuntimeServer server = P4RuntimeServer.start(device, 0); TestClient client = new TestClient(server.port(), 1)) {
            client.arbitrate(1);
            client.setPipeline("forwarding");
            var info = TestClient.p4info("forwarding");
            int l2 = GoldenSetup.table(info, "TestIngress.l2").getPreamble().getId();
            int setPort = info.getActionsList().stream().filter(a -> a.getPreamble().getName().equals("TestIngress.set_port"))
                    .findFirst().orElseThrow().getPreamble().getId();
            java.util.function.IntFunction<Entity> entry = port -> Entity.newBuilder().setTableEntry(
                    P4RuntimeOuterClass.TableEntry.newBuilder().setTableId(l2)
                            .addMatch(FieldMatch.newBuilder().setFieldId(1).setExact(FieldMatch.Exact.newBuilder()
                                    .setValue(Values.canonical(2))))
                            .setAction(P4RuntimeOuterClass.TableAction.newBuilder().setAction(P4RuntimeOuterClass.Action
                                    .newBuilder().setActionId(setPort).addParams(P4RuntimeOuterClass.Action.Param.newBuilder()
                                            .setParamId(1).setValue(Values.canonical(port)))))).build();
            client.write(Update.Type.INSERT, entry.apply(3));

            byte[] frame = Frames.frame().ethernet(2, 1, 0x88cc).hex("00".repeat(40)).build();
            AtomicLong toThree = new AtomicLong();
            AtomicLong toFour = new AtomicLong();
            ExecutorService data = Executors.newSingleThreadExecutor();
            Future<?> packets = data.submit(() -> {
                for (int i = 0; i < 20_000; i++) {
                    List<org.intstream.softswitch.engine.OutputPacket> out = device.receive(1, frame, 0, frame.length, i);
                    assertThat(out).hasSize(1);
                    (out.get(0).port() == 3 ? toThree : toFour).incrementAndGet();
                }
            });
            int flips = 0;
            while (!packets.isDone()) {
                client.write(Update.Type.MODIFY, entry.apply(flips % 2 == 0 ? 4 : 3));
                assertThat(client.read(Entity.newBuilder().setTableEntry(P4RuntimeOuterClass.TableEntry.newBuilder()
                        .setTableId(l2)).build())).hasSize(1);
                flips++;
            }
            packets.get(10, TimeUnit.SECONDS);
            data.shutdown();
            assertThat(toThree.get() + toFour.get()).isEqualTo(20_000);
            assertThat(flips).isPositive();
        }
    }
}
