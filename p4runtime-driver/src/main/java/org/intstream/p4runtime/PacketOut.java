package org.intstream.p4runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A frame for the switch to inject, with {@code packet_out} header metadata by name (e.g. {@code egress_port}).
 * Metadata left out is sent as zero, so padding fields need not be named. Immutable.
 */
public final class PacketOut {

    private final byte[] payload;
    private final Map<String, P4Value> metadata;

    private PacketOut(byte[] payload, Map<String, P4Value> metadata) {
        this.payload = payload;
        this.metadata = metadata;
    }

    public static PacketOut of(byte[] payload) {
        Objects.requireNonNull(payload, "packet-out payload can't be null");
        return new PacketOut(payload.clone(), Collections.emptyMap());
    }

    public PacketOut metadata(String name, P4Value value) {
        Objects.requireNonNull(name, "metadata name can't be null");
        Objects.requireNonNull(value, "value of metadata '" + name + "' can't be null");
        Map<String, P4Value> copy = new LinkedHashMap<>(metadata);
        if (copy.put(name, value) != null) {
            throw new IllegalArgumentException("packet-out metadata '" + name + "' given twice");
        }
        return new PacketOut(payload, Collections.unmodifiableMap(copy));
    }

    public PacketOut metadata(String name, long value) {
        return metadata(name, P4Value.of(value));
    }

    public byte[] payload() {
        return payload.clone();
    }

    public Map<String, P4Value> metadata() {
        return metadata;
    }
}
