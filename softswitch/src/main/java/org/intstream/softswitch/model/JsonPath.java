package org.intstream.softswitch.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON node together with its JSON pointer, so that every accessor can say exactly where a required
 * member is missing or has the wrong type.
 */
public final class JsonPath {
    private final JsonNode node;
    private final String path;

    public JsonPath(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    public JsonNode node() {
        return node;
    }

    public String path() {
        return path.isEmpty() ? "/" : path;
    }

    public ProgramFormatException error(String what) {
        return new ProgramFormatException(path(), what);
    }

    public boolean has(String member) {
        JsonNode child = node.get(member);
        return child != null && !child.isNull();
    }

    /** A member that must be present and not null. */
    public JsonPath get(String member) {
        if (!node.isObject()) {
            throw error("expected an object with member \"" + member + "\", found " + describe(node));
        }
        JsonNode child = node.get(member);
        if (child == null || child.isNull()) {
            throw new ProgramFormatException(path + "/" + member, "required member is missing");
        }
        return new JsonPath(child, path + "/" + member);
    }

    /** A member that may be absent or null; then {@code null}. */
    public JsonPath opt(String member) {
        JsonNode child = node.get(member);
        return child == null || child.isNull() ? null : new JsonPath(child, path + "/" + member);
    }

    public JsonPath at(int index) {
        if (!node.isArray() || index >= node.size()) {
            throw new ProgramFormatException(path + "/" + index, "required array element is missing");
        }
        return new JsonPath(node.get(index), path + "/" + index);
    }

    /** The elements of a member that must be an array (absent or null reads as empty). */
    public List<JsonPath> array(String member) {
        JsonPath child = opt(member);
        return child == null ? List.of() : child.elements();
    }

    /** The elements of this node, which must be an array. */
    public List<JsonPath> elements() {
        if (!node.isArray()) {
            throw error("expected an array, found " + describe(node));
        }
        List<JsonPath> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(new JsonPath(node.get(i), path + "/" + i));
        }
        return out;
    }

    public String text() {
        if (!node.isTextual()) {
            throw error("expected a string, found " + describe(node));
        }
        return node.asText();
    }

    public String text(String member) {
        return get(member).text();
    }

    public int integer() {
        if (!node.canConvertToInt()) {
            throw error("expected an integer, found " + describe(node));
        }
        return node.asInt();
    }

    public int integer(String member) {
        return get(member).integer();
    }

    public boolean bool() {
        if (!node.isBoolean()) {
            throw error("expected true or false, found " + describe(node));
        }
        return node.asBoolean();
    }

    public boolean bool(String member, boolean absent) {
        JsonPath child = opt(member);
        return child == null ? absent : child.bool();
    }

    private static String describe(JsonNode n) {
        String text = n.toString();
        return n.getNodeType().name().toLowerCase() + " " + (text.length() > 60 ? text.substring(0, 60) + "…" : text);
    }
}
