package org.intstream.standalone.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.intstream.controller.query.DeployedQuery;
import org.intstream.controller.runtime.ControllerCore;
import org.intstream.controller.runtime.ControllerSettings;
import org.intstream.proto.agent.AgentMessage;
import org.intstream.proto.agent.ControllerMessage;
import org.intstream.proto.agent.Hello;
import org.intstream.proto.agent.Partial;
import org.junit.jupiter.api.Test;

/** The standalone controller's end of an agent's stream, driven message by message. */
class AgentStreamServiceTest {
    private final ControllerCore core = new ControllerCore(ControllerSettings.defaults());
    private final List<String> log = new ArrayList<>();
    private final AgentStreamService service = new AgentStreamService(core, log::add);
    private final List<Object> received = new ArrayList<>();

    private StreamObserver<AgentMessage> dial(String agent) {
        StreamObserver<AgentMessage> in = service.connect(new Responses());
        in.onNext(AgentMessage.newBuilder().setHello(Hello.newBuilder().setAgentId(agent)).build());
        return in;
    }

    private List<Long> acked() {
        service.flushAcks();
        List<Long> sequences = new ArrayList<>();
        for (Object m : received) {
            if (m instanceof ControllerMessage c && c.hasAck()) {
                sequences.addAll(c.getAck().getSequencesList());
            }
        }
        return sequences;
    }

    @Test
    void aPartialWhoseNotesCantBeReadCrossedAndIsAcknowledgedAsAtOnos() throws IOException {
        DeployedQuery q = core.queries().submit(Files.readString(Path.of("..", "queries", "tcp_new_conn.isq")),
                Map.of());
        StreamObserver<AgentMessage> agent = dial("h1");
        // The version's first partial on the stream says its notes are those of the one before: there is none.
        Partial p = Partial.newBuilder().setSequence(4).setQuery("tcp_new_conn").setQueryVersion(q.version())
                .setWindowUs(5_000_000).setWindow(359_076_316L).setPackets(3).setNotesUnchanged(true).build();

        agent.onNext(AgentMessage.newBuilder().setPartial(p).build());

        assertThat(acked()).containsExactly(4L);
        assertThat(log).anySatisfy(l -> assertThat(l).contains("malformed partial 4").contains("first on this stream"));
        assertThat(core.counters().get("tcp_new_conn").partialsAccepted()).isZero();
        assertThat(core.counters().get("tcp_new_conn").bytesCrossing()).as("refusals crossed too")
                .isEqualTo(p.getSerializedSize());
    }

    /** What the controller sends the agent: messages, then the end (a Throwable or "completed"). */
    private final class Responses extends ServerCallStreamObserver<ControllerMessage> {
        @Override
        public void onNext(ControllerMessage m) {
            received.add(m);
        }

        @Override
        public void onError(Throwable t) {
            received.add(t);
        }

        @Override
        public void onCompleted() {
            received.add("completed");
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void setOnCancelHandler(Runnable onCancelHandler) {
        }

        @Override
        public void setCompression(String compression) {
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setOnReadyHandler(Runnable onReadyHandler) {
        }

        @Override
        public void disableAutoInboundFlowControl() {
        }

        @Override
        public void request(int count) {
        }

        @Override
        public void setMessageCompression(boolean enable) {
        }
    }
}
