package org.intstream.p4runtime;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import p4.v1.P4RuntimeGrpc;
import p4.v1.P4RuntimeOuterClass.MasterArbitrationUpdate;
import p4.v1.P4RuntimeOuterClass.StreamMessageRequest;
import p4.v1.P4RuntimeOuterClass.StreamMessageResponse;

/**
 * One StreamChannel call: the bidirectional stream that carries arbitration, packet-in and packet-out.
 * A new one is opened for every (re)connection; the client tells them apart, so late messages from a dead
 * stream are ignored. {@link #firstArbitration()} completes when the switch has answered the arbitration.
 */
final class StreamSession implements StreamObserver<StreamMessageResponse> {

    /** What the client does with the stream's messages. */
    interface Handler {
        void arbitration(StreamSession session, MasterArbitrationUpdate update);

        void message(StreamSession session, StreamMessageResponse response);

        void ended(StreamSession session, Throwable cause);
    }

    private final Handler handler;
    private final CompletableFuture<MasterArbitrationUpdate> firstArbitration = new CompletableFuture<>();
    private final StreamObserver<StreamMessageRequest> requests;

    StreamSession(P4RuntimeGrpc.P4RuntimeStub stub, Handler handler) {
        this.handler = handler;
        this.requests = stub.streamChannel(this);
    }

    CompletableFuture<MasterArbitrationUpdate> firstArbitration() {
        return firstArbitration;
    }

    /** StreamObserver is not thread-safe, and packet-outs may come from any thread. */
    synchronized void send(StreamMessageRequest request) {
        requests.onNext(request);
    }

    /** Ends the stream from our side; the switch then drops our arbitration. */
    synchronized void close() {
        if (requests instanceof ClientCallStreamObserver<?> call) {
            call.cancel("client closed the stream", null);
        } else {
            requests.onCompleted();
        }
    }

    @Override
    public void onNext(StreamMessageResponse response) {
        if (response.hasArbitration()) {
            handler.arbitration(this, response.getArbitration());
            firstArbitration.complete(response.getArbitration());
        } else {
            handler.message(this, response);
        }
    }

    @Override
    public void onError(Throwable t) {
        firstArbitration.completeExceptionally(t);
        handler.ended(this, t);
    }

    @Override
    public void onCompleted() {
        IllegalStateException closed = new IllegalStateException("the switch closed the stream");
        firstArbitration.completeExceptionally(closed);
        handler.ended(this, closed);
    }
}
