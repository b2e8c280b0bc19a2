package org.intstream.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.MethodDescriptor;
import org.intstream.proto.agent.AgentMessage;
import org.intstream.proto.agent.AgentServiceGrpc;
import org.intstream.proto.agent.Partial;
import org.intstream.proto.agent.Prefix;
import org.intstream.proto.agent.Row;
import org.intstream.proto.agent.Value;
import org.intstream.proto.agent.ValueList;
import org.junit.jupiter.api.Test;

class AgentProtocolTest {

    @Test
    void connectIsOneStreamEachWay() {
        assertThat(AgentServiceGrpc.getConnectMethod().getType()).isEqualTo(MethodDescriptor.MethodType.BIDI_STREAMING);
        assertThat(AgentServiceGrpc.getConnectMethod().getFullMethodName())
                .isEqualTo("intstream.agent.v1.AgentService/Connect");
    }

    @Test
    void partialWithEveryValueKindSurvivesTheWire() throws Exception {
        Row row = Row.newBuilder()
                .addValues(Value.newBuilder().setIntValue(-7))
                .addValues(Value.newBuilder().setFloatValue(2.5))
                .addValues(Value.newBuilder().setStringValue("sw1/3"))
                .addValues(Value.newBuilder().setIpValue(ByteString.copyFrom(new byte[] {10, 77, 11, 2})))
                .addValues(Value.newBuilder().setBoolValue(false))
                .addValues(Value.newBuilder().setListValue(ValueList.newBuilder()
                        .addValues(Value.newBuilder().setIntValue(1)).addValues(Value.newBuilder())))
                .addValues(Value.newBuilder().setPrefixValue(Prefix.newBuilder()
                        .setAddress(ByteString.copyFrom(new byte[] {10, 0, 0, 0})).setLength(8)))
                .addValues(Value.newBuilder())
                .build();
        Partial p = Partial.newBuilder().setSequence(42).setQuery("ddos").setQueryVersion(3)
                .setWindowUs(10_000_000L).setWindow(179_538_158L).addRows(row)
                .setPackets(10).setBytes(600).setCaptureDrops(1).addNotes("estimate").build();
        AgentMessage back = AgentMessage.parseFrom(AgentMessage.newBuilder().setPartial(p).build().toByteArray());

        assertThat(back.getBodyCase()).isEqualTo(AgentMessage.BodyCase.PARTIAL);
        assertThat(back.getPartial()).isEqualTo(p);
        Row r = back.getPartial().getRows(0);
        assertThat(r.getValues(4).getKindCase()).as("false is still a bool, not absent")
                .isEqualTo(Value.KindCase.BOOL_VALUE);
        assertThat(r.getValues(7).getKindCase()).isEqualTo(Value.KindCase.KIND_NOT_SET);
        assertThat(r.getValues(5).getListValue().getValues(1).getKindCase()).isEqualTo(Value.KindCase.KIND_NOT_SET);
    }

    @Test
    void aPartialOfTheCommonCaseIsItsVersionCountsAndRows() {
        // The next sequence, the next window, complete, notes unchanged: nothing of the header but these.
        Partial p = Partial.newBuilder().setQueryVersion(3).setPackets(300).setBytes(90_000).setNotesUnchanged(true)
                .build();

        assertThat(p.getSerializedSize()).isEqualTo(2 + 3 + 4 + 3);
    }
}
