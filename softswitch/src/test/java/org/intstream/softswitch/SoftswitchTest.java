package org.intstream.softswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.intstream.engine.source.RawFrame;
import org.intstream.engine.source.TraceReader;
import org.intstream.engine.source.TraceReaders;
import org.intstream.softswitch.p4runtime.GoldenSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import p4.v1.P4RuntimeGrpc;
import p4.v1.P4RuntimeOuterClass;

/** The soft switch as a program: pipeline from files, a controller over P4Runtime, captures in and out. */
class SoftswitchTest {
    private static final Path BUILD = Path.of("../p4src/build");
    private static final Path TRACE = Path.of("../tests/src/test/resources/traces/nmap-syn-fast.pcap");

    @Test
    void replaysACaptureThroughIntstreamAndWritesTheFloodedFrames(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("port2.pcap");
        Softswitch.Options o = Softswitch.Options.parse("--pipeline", BUILD.resolve("intstream.json").toString(),
                "--p4info", BUILD.resolve("intstream.p4info.txt").toString(), "--grpc-port", "0",
                "--in", "1=" + TRACE, "--out", "2=" + out);
        long replayed;
        try (Softswitch s = Softswitch.start(o)) {
            programFloodingAndReports(s.grpcPort());
            replayed = s.replay();
        }
        List<byte[]> in = frames(TRACE);
        List<byte[]> written = frames(out);
        assertThat(replayed).isEqualTo(in.size());
        assertThat(written).hasSize(in.size());
        for (int i = 0; i < in.size(); i++) {
            // Snapped frames leave padded to their wire length; the captured part is unchanged.
            assertThat(Arrays.copyOf(written.get(i), in.get(i).length)).isEqualTo(in.get(i));
        }
    }

    /** The golden intstream setup: edge port 1, flooding to ports 1 and 2, the query slots and the CPU session. */
    private static void programFloodingAndReports(int port) throws Exception {
        var golden = new ObjectMapper().readTree(SoftswitchTest.class.getResourceAsStream("/golden/intstream.json"));
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            LinkedBlockingQueue<P4RuntimeOuterClass.StreamMessageResponse> answers = new LinkedBlockingQueue<>();
            StreamObserver<P4RuntimeOuterClass.StreamMessageRequest> stream = P4RuntimeGrpc.newStub(channel)
                    .streamChannel(new StreamObserver<>() {
                        @Override
                        public void onNext(P4RuntimeOuterClass.StreamMessageResponse value) {
                            answers.add(value);
                        }

                        @Override
                        public void onError(Throwable t) {
                        }

                        @Override
                        public void onCompleted() {
                        }
                    });
            P4RuntimeOuterClass.Uint128 election = P4RuntimeOuterClass.Uint128.newBuilder().setLow(1).build();
            stream.onNext(P4RuntimeOuterClass.StreamMessageRequest.newBuilder().setArbitration(
                    P4RuntimeOuterClass.MasterArbitrationUpdate.newBuilder().setDeviceId(1).setElectionId(election)).build());
            assertThat(answers.poll(5, TimeUnit.SECONDS)).isNotNull();
            P4RuntimeGrpc.P4RuntimeBlockingStub stub = P4RuntimeGrpc.newBlockingStub(channel);
            var info = stub.getForwardingPipelineConfig(P4RuntimeOuterClass.GetForwardingPipelineConfigRequest.newBuilder()
                    .setDeviceId(1).build()).getConfig().getP4Info();
            P4RuntimeOuterClass.WriteRequest.Builder w = P4RuntimeOuterClass.WriteRequest.newBuilder().setDeviceId(1)
                    .setElectionId(election);
            for (P4RuntimeOuterClass.Entity e : GoldenSetup.entities(info, golden.get("setup"))) {
                w.addUpdates(P4RuntimeOuterClass.Update.newBuilder().setType(P4RuntimeOuterClass.Update.Type.INSERT).setEntity(e));
            }
            stub.write(w.build());
        } finally {
            channel.shutdownNow();
            channel.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static List<byte[]> frames(Path pcap) throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (TraceReader r = TraceReaders.open(pcap)) {
            RawFrame f = new RawFrame();
            while (r.next(f)) {
                out.add(Arrays.copyOfRange(f.data, f.offset, f.offset + f.capLen));
            }
        }
        return out;
    }

    @Test
    void aBadPipelineFileIsNamed(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("broken.json");
        java.nio.file.Files.writeString(json, "{\"headers\": 3}");
        Softswitch.Options o = Softswitch.Options.parse("--pipeline", json.toString(),
                "--p4info", "src/test/resources/p4/forwarding.p4info.txt");
        assertThatThrownBy(() -> Softswitch.start(o)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot load the pipeline " + json).hasMessageContaining("/headers");
    }

    @Test
    void badOptionsAreExplained() {
        assertThatThrownBy(() -> Softswitch.Options.parse("--pipeline", "x.json"))
                .hasMessageContaining("--pipeline and --p4info go together");
        assertThatThrownBy(() -> Softswitch.Options.parse("--in", "1=a.pcap"))
                .hasMessageContaining("needs --pipeline");
        assertThatThrownBy(() -> Softswitch.Options.parse("--in", "600=a.pcap", "--grpc-port", "0"))
                .hasMessageContaining("600 is not a v1model port");
        assertThatThrownBy(() -> Softswitch.Options.parse("--out", "a.pcap")).hasMessageContaining("PORT=FILE");
        assertThatThrownBy(() -> Softswitch.Options.parse("--cpu-port")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Softswitch.Options.parse("--frobnicate", "1")).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> Softswitch.Options.parse("--iface", "eth0")).hasMessageContaining("PORT=INTERFACE");
        assertThatThrownBy(() -> Softswitch.Options.parse("--grpc-port", "0", "--in", "1=a.pcap", "--iface", "1=eth0"))
                .hasMessageContaining("port 1 has both a capture (--in) and an interface (--iface)");
    }
}
