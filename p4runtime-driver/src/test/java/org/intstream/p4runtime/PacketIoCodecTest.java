package org.intstream.p4runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;
import p4.v1.P4RuntimeOuterClass.PacketMetadata;

class PacketIoCodecTest {

    private final PacketIoCodec codec = new PacketIoCodec(TestPrograms.index());

    @Test
    void packetOutMetadataGoesByIdWithUnnamedOnesZero() {
        p4.v1.P4RuntimeOuterClass.PacketOut out = codec.encode(PacketOut.of(new byte[] {1, 2, 3})
                .metadata("egress_port", 300));
        assertThat(out.getPayload().toByteArray()).containsExactly(1, 2, 3);
        assertThat(out.getMetadataList()).extracting(PacketMetadata::getMetadataId).containsExactly(1, 2);
        assertThat(out.getMetadata(0).getValue().toByteArray()).containsExactly(0x01, 0x2C);
        assertThat(out.getMetadata(1).getValue().toByteArray()).containsExactly(0);
    }

    @Test
    void packetOutRefusesUnknownAndTooWideMetadata() {
        assertThatThrownBy(() -> codec.encode(PacketOut.of(new byte[1]).metadata("egres_port", 1)))
                .isInstanceOf(InvalidEntityException.class)
                .hasMessageContaining("no metadata 'egres_port'; it has: egress_port, _pad");
        assertThatThrownBy(() -> codec.encode(PacketOut.of(new byte[1]).metadata("egress_port", 512)))
                .hasMessageContaining("packet-out metadata egress_port").hasMessageContaining("9 bits wide");
    }

    @Test
    void packetInMetadataIsDecodedByName() {
        PacketIn in = codec.decode(p4.v1.P4RuntimeOuterClass.PacketIn.newBuilder()
                .setPayload(ByteString.copyFrom(new byte[] {9, 8}))
                .addMetadata(PacketMetadata.newBuilder().setMetadataId(1).setValue(ByteString.copyFrom(new byte[] {0, (byte) 0xFF})))
                .addMetadata(PacketMetadata.newBuilder().setMetadataId(2).setValue(ByteString.copyFrom(new byte[] {1})))
                .build());
        assertThat(in.payload()).containsExactly(9, 8);
        assertThat(in.metadataLong("ingress_port")).isEqualTo(255);
        assertThat(in.metadataLong("reason")).isEqualTo(1);
        assertThatThrownBy(() -> in.metadataLong("port")).hasMessageContaining("no metadata 'port'");
    }

    @Test
    void packetInWithAnUnknownMetadataIdIsRefused() {
        assertThatThrownBy(() -> codec.decode(p4.v1.P4RuntimeOuterClass.PacketIn.newBuilder()
                .addMetadata(PacketMetadata.newBuilder().setMetadataId(7).setValue(ByteString.copyFrom(new byte[] {1})))
                .build())).hasMessageContaining("metadata id 7");
    }
}
