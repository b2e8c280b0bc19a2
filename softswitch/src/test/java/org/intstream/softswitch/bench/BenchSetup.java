package org.intstream.softswitch.bench;

import java.util.List;
import org.intstream.softswitch.p4runtime.LoadedPipeline;
import org.intstream.softswitch.p4runtime.P4RuntimeServer;
import org.intstream.softswitch.p4runtime.SwitchDevice;
import p4.v1.P4RuntimeGrpc;
import p4.v1.P4RuntimeOuterClass;

/** Installs entities on a pipeline through an in-process P4Runtime server, as a controller would. */
final class BenchSetup {
    private BenchSetup() {
    }

    static void write(LoadedPipeline pipeline, List<P4RuntimeOuterClass.Entity> entities) throws Exception {
        SwitchDevice device = new SwitchDevice(1, 255);
        device.commit(pipeline);
        try (P4RuntimeServer server = P4RuntimeServer.start(device, 0)) {
            var channel = io.grpc.ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
            try {
                var stream = P4RuntimeGrpc.newStub(channel).streamChannel(new io.grpc.stub.StreamObserver<>() {
                    @Override
                    public void onNext(P4RuntimeOuterClass.StreamMessageResponse value) {
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
                P4RuntimeGrpc.P4RuntimeBlockingStub stub = P4RuntimeGrpc.newBlockingStub(channel);
                P4RuntimeOuterClass.WriteRequest.Builder w = P4RuntimeOuterClass.WriteRequest.newBuilder().setDeviceId(1)
                        .setElectionId(election);
                for (P4RuntimeOuterClass.Entity e : entities) {
                    w.addUpdates(P4RuntimeOuterClass.Update.newBuilder().setType(P4RuntimeOuterClass.Update.Type.INSERT).setEntity(e));
                }
                // The arbitration answer may not be processed yet; retry until the write is accepted.
                for (int attempt = 0; ; attempt++) {
                    try {
                        stub.write(w.build());
                        break;
                    } catch (io.grpc.StatusRuntimeException e) {
                        if (attempt > 50) {
                            throw e;
                        }
                        Thread.sleep(20);
                    }
                }
                stream.onCompleted();
            } finally {
                channel.shutdownNow();
            }
        }
    }
}
