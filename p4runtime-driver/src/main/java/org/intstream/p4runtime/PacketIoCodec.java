package org.intstream.p4runtime;

import com.google.protobuf.ByteString;
import java.util.LinkedHashMap;
import java.util.Map;
import p4.config.v1.P4InfoOuterClass.ControllerPacketMetadata;
import p4.v1.P4RuntimeOuterClass.PacketMetadata;

/**
 * Packet-out and packet-in metadata by name, through the P4Info's {@code packet_out} and {@code packet_in}
 * controller headers. Metadata ids are the header's field order; values are checked against the widths.
 */
public final class PacketIoCodec {

    static final String PACKET_OUT = "packet_out";
    static final String PACKET_IN = "packet_in";

    private final P4InfoIndex index;

    public PacketIoCodec(P4InfoIndex index) {
        this.index = index;
    }

    public p4.v1.P4RuntimeOuterClass.PacketOut encode(PacketOut packet) {
        ControllerPacketMetadata header = TableEntryCodec.checked(() -> index.packetMetadata(PACKET_OUT), "packet-out");
        p4.v1.P4RuntimeOuterClass.PacketOut.Builder out = p4.v1.P4RuntimeOuterClass.PacketOut.newBuilder()
                .setPayload(ByteString.copyFrom(packet.payload()));
        for (String name : packet.metadata().keySet()) {
            metadataInfo(header, name);
        }
        for (ControllerPacketMetadata.Metadata info : header.getMetadataList()) {
            P4Value value = packet.metadata().getOrDefault(info.getName(), P4Value.of(0));
            TableEntryCodec.checkWidth(value, info.getBitwidth(), "packet-out metadata " + info.getName());
            out.addMetadata(PacketMetadata.newBuilder().setMetadataId(info.getId())
                    .setValue(TableEntryCodec.bytes(value)));
        }
        return out.build();
    }

    public PacketIn decode(p4.v1.P4RuntimeOuterClass.PacketIn packet) {
        ControllerPacketMetadata header = index.packetMetadata(PACKET_IN);
        Map<String, P4Value> metadata = new LinkedHashMap<>();
        for (PacketMetadata m : packet.getMetadataList()) {
            String name = null;
            for (ControllerPacketMetadata.Metadata info : header.getMetadataList()) {
                if (info.getId() == m.getMetadataId()) {
                    name = info.getName();
                }
            }
            if (name == null) {
                throw new InvalidEntityException("packet-in carries metadata id " + m.getMetadataId()
                        + " that the P4Info's packet_in header does not have");
            }
            metadata.put(name, TableEntryCodec.value(m.getValue()));
        }
        return new PacketIn(packet.getPayload().toByteArray(), metadata);
    }

    private static ControllerPacketMetadata.Metadata metadataInfo(ControllerPacketMetadata header, String name) {
        for (ControllerPacketMetadata.Metadata info : header.getMetadataList()) {
            if (info.getName().equals(name)) {
                return info;
            }
        }
        StringBuilder names = new StringBuilder();
        header.getMetadataList().forEach(i -> names.append(names.length() == 0 ? "" : ", ").append(i.getName()));
        throw new InvalidEntityException("packet-out: the packet_out header has no metadata '" + name + "'; it has: "
                + names);
    }
}
