package org.intstream.p4runtime;

import java.util.Map;

/**
 * A frame the switch sent to the controller, with its {@code packet_in} header metadata decoded by name
 * (values canonical, e.g. {@code ingress_port}).
 */
public final class PacketIn {

    private final byte[] payload;
    private final Map<String, P4Value> metadata;

    public PacketIn(byte[] payload, Map<String, P4Value> metadata) {
        this.payload = payload.clone();
        this.metadata = Map.copyOf(metadata);
    }

    public byte[] payload() {
        return payload.clone();
    }

    public Map<String, P4Value> metadata() {
        return metadata;
    }

    /** One metadata value as a number; an unknown name is an error listing the names the header has. */
    public long metadataLong(String name) {
        P4Value value = metadata.get(name);
        if (value == null) {
            throw new IllegalArgumentException("packet-in has no metadata '" + name + "'; it has " + metadata.keySet());
        }
        return value.toLong();
    }

    @Override
    public String toString() {
        return "PacketIn{" + payload.length + " bytes, " + metadata + "}";
    }
}
