package org.intstream.softswitch.model;

import java.util.ArrayList;
import java.util.Arrays;
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
    private final List<StackInfo> stacks = new ArrayList<>();
    private final Map<String, StackInfo> stacksByName = new HashMap<>();
    /** Per header, the other members of its header union (empty when it is in none). */
    private final int[][] unionSiblings;
    private final Map<String, List<HeaderInfo>> unions = new HashMap<>();
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
        this.unionSiblings = new int[headers.size()][];
        Arrays.fill(unionSiblings, new int[0]);
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
        if (!root.array("header_union_stacks").isEmpty()) {
            throw root.get("header_union_stacks").error("header union stacks are not supported by the soft switch");
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
        Map<Integer, HeaderInfo> byId = new HashMap<>();
        List<JsonPath> headerNodes = root.array("headers");
        for (int i = 0; i < headerNodes.size(); i++) {
            byId.put(headerNodes.get(i).integer("id"), headers.get(i));
        }
        for (JsonPath s : root.array("header_stacks")) {
            List<HeaderInfo> elements = new ArrayList<>();
            for (JsonPath id : s.array("header_ids")) {
                HeaderInfo h = byId.get(id.integer());
                if (h == null) {
                    throw id.error("header stack \"" + s.text("name") + "\" names header id " + id.integer() + ", which does not exist");
                }
                elements.add(h);
            }
            StackInfo stack = new StackInfo(layout.stacks.size(), s.text("name"), List.copyOf(elements));
            layout.stacks.add(stack);
            layout.stacksByName.put(stack.name(), stack);
        }
        for (JsonPath u : root.array("header_unions")) {
            List<HeaderInfo> members = new ArrayList<>();
            for (JsonPath id : u.array("header_ids")) {
                HeaderInfo h = byId.get(id.integer());
                if (h == null) {
                    throw id.error("header union \"" + u.text("name") + "\" names header id " + id.integer() + ", which does not exist");
                }
                members.add(h);
            }
            for (HeaderInfo m : members) {
                layout.unionSiblings[m.index()] = members.stream().filter(o -> o != m).mapToInt(HeaderInfo::index).toArray();
            }
            layout.unions.put(u.text("name"), List.copyOf(members));
        }
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
        return new Phv(narrowSlots, wideSlots, headers.size(), stacks.size());
    }

    public List<StackInfo> stacks() {
        return List.copyOf(stacks);
    }

    /** A header stack that must exist; the error names {@code where}. */
    public StackInfo stack(String name, JsonPath where) {
        StackInfo s = stacksByName.get(name);
        if (s == null) {
            throw where.error("unknown header stack \"" + name + "\"");
        }
        return s;
    }

    /** The members of a header union that must exist. */
    public List<HeaderInfo> union(String name, JsonPath where) {
        List<HeaderInfo> u = unions.get(name);
        if (u == null) {
            throw where.error("unknown header union \"" + name + "\"");
        }
        return u;
    }

    /**
     * Marks a header valid; in a header union the other members become invalid, as BMv2 keeps at most one
     * member of a union valid.
     */
    public void markValid(Phv phv, int header) {
        phv.valid[header] = true;
        for (int sibling : unionSiblings[header]) {
            phv.valid[sibling] = false;
        }
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
