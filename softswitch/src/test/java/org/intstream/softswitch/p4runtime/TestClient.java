package org.intstream.softswitch.p4runtime;

import com.google.protobuf.ByteString;
import com.google.protobuf.TextFormat;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.intstream.softswitch.TestPrograms;
import p4.config.v1.P4InfoOuterClass.P4Info;
import p4.v1.P4RuntimeGrpc;
import p4.v1.P4RuntimeOuterClass;
import p4.v1.P4RuntimeOuterClass.StreamMessageRequest;
import p4.v1.P4RuntimeOuterClass.StreamMessageResponse;
import p4.v1.P4RuntimeOuterClass.Uint128;

/** A plain P4Runtime client for the tests: one stream channel, blocking unary calls. */
final class TestClient implements AutoCloseable {
    final ManagedChannel channel;
    final P4RuntimeGrpc.P4RuntimeBlockingStub stub;
    final BlockingQueue<StreamMessageResponse> received = new LinkedBlockingQueue<>();
    final StreamObserver<StreamMessageRequest> stream;
    final long deviceId;
    long electionLow;

    TestClient(int port, long deviceId) {
        this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        this.stub = P4RuntimeGrpc.newBlockingStub(channel);
        this.deviceId = deviceId;
        this.stream = P4RuntimeGrpc.newStub(channel).streamChannel(new StreamObserver<>() {
            @Override
            public void onNext(StreamMessageResponse value) {
                received.add(value);
            }

            @Override
            public void onError(Throwable t) {
                received.add(StreamMessageResponse.newBuilder().setOther(com.google.protobuf.Any.newBuilder()
                        .setTypeUrl("error/" + t.getMessage())).build());
            }

            @Override
            public void onCompleted() {
            }
        });
    }

    Uint128 election() {
        return Uint128.newBuilder().setLow(electionLow).build();
    }

    /** Sends an arbitration update and returns the answer's status code. */
    int arbitrate(long electionLow) throws InterruptedException {
        this.electionLow = electionLow;
        stream.onNext(StreamMessageRequest.newBuilder().setArbitration(P4RuntimeOuterClass.MasterArbitrationUpdate
                .newBuilder().setDeviceId(deviceId).setElectionId(election())).build());
        return next().getArbitration().getStatus().getCode();
    }

    StreamMessageResponse next() throws InterruptedException {
        StreamMessageResponse r = received.poll(5, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("nothing received on the stream within 5 s");
        }
        return r;
    }

    static P4Info p4info(String program) throws TextFormat.ParseException {
        P4Info.Builder b = P4Info.newBuilder();
        TextFormat.Parser.newBuilder().setAllowUnknownFields(true).build()
                .merge(TestPrograms.resource(program + ".p4info.txt"), b);
        return b.build();
    }

    static P4RuntimeOuterClass.ForwardingPipelineConfig config(String program) throws TextFormat.ParseException {
        return P4RuntimeOuterClass.ForwardingPipelineConfig.newBuilder().setP4Info(p4info(program))
                .setP4DeviceConfig(ByteString.copyFromUtf8(TestPrograms.resource(program + ".json"))).build();
    }

    void setPipeline(String program) throws TextFormat.ParseException {
        stub.setForwardingPipelineConfig(P4RuntimeOuterClass.SetForwardingPipelineConfigRequest.newBuilder()
                .setDeviceId(deviceId).setElectionId(election())
                .setAction(P4RuntimeOuterClass.SetForwardingPipelineConfigRequest.Action.VERIFY_AND_COMMIT)
                .setConfig(config(program)).build());
    }

    void write(P4RuntimeOuterClass.Update.Type type, P4RuntimeOuterClass.Entity... entities) {
        P4RuntimeOuterClass.WriteRequest.Builder w = P4RuntimeOuterClass.WriteRequest.newBuilder()
                .setDeviceId(deviceId).setElectionId(election());
        for (P4RuntimeOuterClass.Entity e : entities) {
            w.addUpdates(P4RuntimeOuterClass.Update.newBuilder().setType(type).setEntity(e));
        }
        stub.write(w.build());
    }

    java.util.List<P4RuntimeOuterClass.Entity> read(P4RuntimeOuterClass.Entity query) {
        java.util.List<P4RuntimeOuterClass.Entity> out = new java.util.ArrayList<>();
        stub.read(P4RuntimeOuterClass.ReadRequest.newBuilder().setDeviceId(deviceId).addEntities(query).build())
                .forEachRemaining(r -> out.addAll(r.getEntitiesList()));
        return out;
    }

    @Override
    public void close() {
        stream.onCompleted();
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
