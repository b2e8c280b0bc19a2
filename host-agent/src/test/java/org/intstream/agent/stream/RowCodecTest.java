package org.intstream.agent.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import java.util.List;
import org.intstream.proto.agent.Value;
import org.intstream.query.type.IpAddress;
import org.intstream.query.type.IpPrefix;
import org.junit.jupiter.api.Test;

class RowCodecTest {

    @Test
    void everyValueKindComesBackEqual() {
        Object[] row = {42L, -1.5, "h1/eth0", true, false, IpAddress.parse("10.77.11.2"),
            IpAddress.parse("fd77::81:1"), IpPrefix.parse("10.0.0.0/8"), Arrays.asList(1L, null, 3L), null};
        Object[] back = RowCodec.decode(RowCodec.encode(row));
        assertThat(back).containsExactly(row);
        assertThat(back[4]).isEqualTo(Boolean.FALSE);
    }

    @Test
    void valuesWithoutAWireFormAreRefused() {
        assertThatThrownBy(() -> RowCodec.encodeValue(new StringBuilder("x")))
                .hasMessage("a StringBuilder value can't be sent as a partial result");
        assertThatThrownBy(() -> RowCodec.decodeValue(Value.newBuilder().setIpValue(ByteString.copyFrom(new byte[5]))
                .build())).hasMessage("an IP address value has 5 bytes, not 4 or 16");
        assertThat(RowCodec.decode(RowCodec.encode(new Object[] {List.of()}))).containsExactly(List.of());
    }
}
