package org.intstream.softswitch.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.intstream.softswitch.runtime.Phv;

/**
 * Where every header instance and field of a program lives in a {@link Phv}, read from the JSON's
 * {@code header_types} and {@code headers}. Field aliases ({@code intrinsic_metadata.mcast_grp} and the
 * like) resolve to the field they name.
 */
public final class Layout {
    /** The name BMv2's JSON gives the validity bit when used as a field. */
    public static final String VALID_FIELD = "$valid$";

    private final List<HeaderInfo> headers;
    private final Map<String, HeaderInfo> byName;
    private final Map<String, FieldInfo> aliases;
    private final int narrowSlots;
    private final int wideSlots;
    /** What a packet starts with; copied for each packet rather than rebuilt. */
    private Phv initial;

    private Layout(List<HeaderInfo> headers, Map<String, FieldInfo> aliases, int narrowSlots, int wideSlots) {
        this.headers = Collections.unmodifiableList(headers);
        Map<String, HeaderInfo> names = new HashMap<>();
        for (HeaderInfo h : headers) {
            names.put(h.name(), h);
        }
        this.byName = names;
        this.aliases = aliases;
        this.narrowSlots = narrowSlots;
        this.wideSlots = wideSlots;
    }

    /** Reads the header types and instances of a program's JSON root. */
    public static Layout read(JsonPath root) {
        Map<String, List<JsonPath>> types = new LinkedHashMap<>();
        for (JsonPath type : root.array("header_types")) {
            List<JsonPath> fields = type.array("fields");
            if (types.put(type.text("name"), fields) != null) {
                throw type.error("header type \"" + type.text("name") + "\" is defined twice");
            }
        }
        if (!root.array("header_stacks").isEmpty()) {
            throw root.get("header_stacks").error("header stacks are not supported by the soft switch");
        }
        if (!root.array("header_unions").isEmpty()) {
            throw root.get("header_unions").error("header unions are not supported by the soft switch");
        }
        List<HeaderInfo> headers = new ArrayList<>();
        int narrow = 0;
        int wide = 0;
        for (JsonPath h : root.array("headers")) {
            String typeName = h.text("header_type");
            List<JsonPath> typeFields = types.get(typeName);
            if (typeFields == null) {
                throw h.get("header_type").error("unknown header type \"" + typeName + "\"");
            }
            int index = headers.size();
            List<FieldInfo> fields = new ArrayList<>();
            int bits = 0;
            for (JsonPath f : typeFields) {
                String fieldName = f.at(0).text();
                int width = f.at(1).integer();
                if (width <= 0) {
                    throw f.at(1).error("field \"" + fieldName + "\" of \"" + typeName
                            + "\" has width " + width + "; varbit and zero-width fields are not supported");
                }
                boolean signed = f.node().size() > 2 && f.at(2).bool();
                int slot = width > 64 ? wide++ : narrow++;
                fields.add(new FieldInfo(index, fieldName, width, signed, slot));
                bits += width;
            }
            boolean metadata = h.bool("metadata", false);
            if (!metadata && bits % 8 != 0) {
                throw h.error("header \"" + h.text("name") + "\" is " + bits + " bits, not a whole number of bytes");
            }
            headers.add(new HeaderInfo(index, h.text("name"), typeName, metadata, List.copyOf(fields), bits));
        }
        Layout layout = new Layout(headers, new HashMap<>(), narrow, wide);
        for (JsonPath alias : root.array("field_aliases")) {
            String name = alias.at(0).text();
            JsonPath target = alias.at(1);
            layout.aliases.put(name, layout.field(target.at(0).text(), target.at(1).text(), target));
        }
        return layout;
    }

    public List<HeaderInfo> headers() {
        return headers;
    }

    public HeaderInfo header(String name) {
        return byName.get(name);
    }

    /** A header that must exist; the error names {@code where}. */
    public HeaderInfo header(String name, JsonPath where) {
        HeaderInfo h = byName.get(name);
        if (h == null) {
            throw where.error("unknown header instance \"" + name + "\"");
        }
        return h;
    }

    /** A field that must exist (aliases included); {@code $valid$} is not a field here. */
    public FieldInfo field(String header, String field, JsonPath where) {
        FieldInfo alias = aliases.get(header + "." + field);
        if (alias != null) {
            return alias;
        }
        HeaderInfo h = header(header, where);
        FieldInfo f = h.field(field);
        if (f == null) {
            throw where.error("header \"" + header + "\" has no field \"" + field + "\"");
        }
        return f;
    }

    /** A field by dotted name ({@code standard_metadata.egress_spec}), or null. */
    public FieldInfo fieldOrNull(String dotted) {
        FieldInfo alias = aliases.get(dotted);
        if (alias != null) {
            return alias;
        }
        int dot = dotted.indexOf('.');
        if (dot < 0) {
            return null;
        }
        HeaderInfo h = byName.get(dotted.substring(0, dot));
        return h == null ? null : h.field(dotted.substring(dot + 1));
    }

    public Phv newPhv() {
        return new Phv(narrowSlots, wideSlots, headers.size());
    }

    /** Zeroes all metadata fields (BMv2's {@code reset_metadata}). */
    public void resetMetadata(Phv phv) {
        for (HeaderInfo h : headers) {
            if (h.metadata()) {
                clearFields(phv, h);
            }
        }
    }

    public void clearFields(Phv phv, HeaderInfo h) {
        for (FieldInfo f : h.fields()) {
            if (f.wide()) {
                phv.wide[f.slot()] = java.math.BigInteger.ZERO;
            } else {
                phv.values[f.slot()] = 0;
            }
        }
    }

    /** A fresh header vector for a new packet: metadata valid and zero, packet headers invalid and zero. */
    public Phv initialPhv() {
        if (initial == null) {
            Phv phv = newPhv();
            for (HeaderInfo h : headers) {
                phv.valid[h.index()] = h.metadata();
            }
            initial = phv;
        }
        return initial.copy();
    }
}
