package org.intstream.softswitch.p4runtime;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.intstream.softswitch.runtime.HeaderCodec;
import p4.config.v1.P4InfoOuterClass.ControllerPacketMetadata;
import p4.v1.P4RuntimeOuterClass.PacketIn;
import p4.v1.P4RuntimeOuterClass.PacketMetadata;
import p4.v1.P4RuntimeOuterClass.PacketOut;

/**
 * Packet-out and packet-in through the program's {@code @controller_header}s: a packet-out's metadata
 * become a packet_out header in front of its payload (the packet then enters ingress on the CPU port);
 * a packet sent to the CPU port starts with the packet_in header, whose fields become the packet-in's
 * metadata (ids in header field order, values canonical) and are cut from the payload.
 */
public final class PacketIoCodec {
    private PacketIoCodec() {
    }

    public static byte[] packetOut(PacketOut po, P4InfoIndex p4info) {
        ControllerPacketMetadata header = p4info.controllerHeader("packet_out");
        byte[] payload = po.getPayload().toByteArray();
        if (header == null) {
            if (po.getMetadataCount() > 0) {
                throw P4RuntimeException.invalid("the program has no @controller_header(\"packet_out\"), "
                        + "but the packet-out has metadata");
            }
            return payload;
        }
        Map<Integer, BigInteger> given = new HashMap<>();
        for (PacketMetadata m : po.getMetadataList()) {
            ControllerPacketMetadata.Metadata info = metadata(header, m.getMetadataId());
            if (given.put(m.getMetadataId(), Values.read(m.getValue(), info.getBitwidth(),
                    "packet-out metadata " + info.getName())) != null) {
                throw P4RuntimeException.invalid("packet-out metadata " + info.getName() + " is given twice");
            }
        }
        int bits = 0;
        for (ControllerPacketMetadata.Metadata m : header.getMetadataList()) {
            bits += m.getBitwidth();
        }
        int headerBytes = (bits + 7) / 8;
        byte[] out = new byte[headerBytes + payload.length];
        int bit = 0;
        for (ControllerPacketMetadata.Metadata m : header.getMetadataList()) {
            BigInteger v = given.getOrDefault(m.getId(), BigInteger.ZERO);
            for (int k = m.getBitwidth() - 1; k >= 0; k--) {
                HeaderCodec.writeBits(out, bit++, 1, v.testBit(k) ? 1 : 0);
            }
        }
        System.arraycopy(payload, 0, out, headerBytes, payload.length);
        return out;
    }

    private static ControllerPacketMetadata.Metadata metadata(ControllerPacketMetadata header, int id) {
        for (ControllerPacketMetadata.Metadata m : header.getMetadataList()) {
            if (m.getId() == id) {
                return m;
            }
        }
        throw P4RuntimeException.invalid("packet-out has metadata id " + id + ", which packet_out does not define");
    }

    /** The packet-in for bytes the switch sent to the CPU port. */
    public static PacketIn packetIn(byte[] data, P4InfoIndex p4info) {
        ControllerPacketMetadata header = p4info.controllerHeader("packet_in");
        PacketIn.Builder b = PacketIn.newBuilder();
        if (header == null) {
            return b.setPayload(com.google.protobuf.ByteString.copyFrom(data)).build();
        }
        int bits = 0;
        for (ControllerPacketMetadata.Metadata m : header.getMetadataList()) {
            bits += m.getBitwidth();
        }
        int headerBytes = (bits + 7) / 8;
        if (data.length < headerBytes) {
            return b.setPayload(com.google.protobuf.ByteString.copyFrom(data)).build();
        }
        int bit = 0;
        for (ControllerPacketMetadata.Metadata m : header.getMetadataList()) {
            BigInteger v = BigInteger.ZERO;
            for (int k = 0; k < m.getBitwidth(); k++) {
                v = v.shiftLeft(1).or(BigInteger.valueOf(HeaderCodec.readBits(data, bit++, 1)));
            }
            b.addMetadata(PacketMetadata.newBuilder().setMetadataId(m.getId()).setValue(Values.canonical(v)));
        }
        return b.setPayload(com.google.protobuf.ByteString.copyFrom(data, headerBytes, data.length - headerBytes)).build();
    }
}
