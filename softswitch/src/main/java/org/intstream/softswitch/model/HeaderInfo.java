package org.intstream.softswitch.model;

import java.util.List;

/**
 * A header instance of the program (or a metadata struct, which BMv2 models as an always-valid header).
 *
 * @param index position in {@link P4Program#headers()}, also the index of its validity bit
 * @param name instance name as in the JSON (e.g. {@code ipv4}, {@code scalars})
 * @param typeName name of its header type
 * @param metadata metadata is always valid and never emitted
 * @param fields fields in wire order
 * @param bits total width of the fields; a packet header occupies {@code bits / 8} bytes
 */
public record HeaderInfo(int index, String name, String typeName, boolean metadata, List<FieldInfo> fields, int bits) {

    public FieldInfo field(String fieldName) {
        for (FieldInfo f : fields) {
            if (f.name().equals(fieldName)) {
                return f;
            }
        }
        return null;
    }

    public int bytes() {
        return (bits + 7) / 8;
    }
}
