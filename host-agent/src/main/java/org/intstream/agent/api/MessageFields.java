package org.intstream.agent.api;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns a request body into a message's fields, name to text. The seed's clients send form-encoded
 * bodies ({@code application/x-www-form-urlencoded}, what Python's {@code requests.post(url, data=...)}
 * sends); a JSON object ({@code application/json}, from {@code json=...}) is accepted too, its strings,
 * numbers and booleans taken as text. A body without a content type is read as a form.
 */
final class MessageFields {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MessageFields() {
    }

    static Map<String, String> decode(String contentType, byte[] body) throws ApiException {
        String media = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (media.isEmpty() || media.equals("application/x-www-form-urlencoded")) {
            return form(utf8(body));
        }
        if (media.equals("application/json")) {
            return json(utf8(body));
        }
        throw new ApiException(415, "Content-Type '" + contentType + "' is not supported; send the message "
                + "form-encoded (application/x-www-form-urlencoded) or as a JSON object (application/json)");
    }

    private static String utf8(byte[] body) throws ApiException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(400, "the request body is not valid UTF-8");
        }
    }

    static Map<String, String> form(String body) throws ApiException {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body.isBlank()) {
            throw new ApiException(400, "empty message: send form fields, at least 'type'");
        }
        for (String pair : body.strip().split("&", -1)) {
            if (pair.isEmpty()) {
                continue; // "a=1&&b=2" and a trailing '&' are harmless
            }
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw new ApiException(400, "form field '" + shortened(pair) + "' has no '=' and value");
            }
            String name = decodePart(pair.substring(0, eq), pair);
            String value = decodePart(pair.substring(eq + 1), pair);
            if (name.isEmpty()) {
                throw new ApiException(400, "form field '" + shortened(pair) + "' has an empty name");
            }
            if (fields.putIfAbsent(name, value) != null) {
                throw ApiException.badField(name, "given more than once");
            }
        }
        return fields;
    }

    private static String decodePart(String part, String pair) throws ApiException {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "form field '" + shortened(pair) + "' is not properly %-encoded: "
                    + e.getMessage());
        }
    }

    static Map<String, String> json(String body) throws ApiException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "the JSON message does not parse: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ApiException(400, "a JSON message must be an object of fields, such as "
                    + "{\"type\": \"query bw\", \"src\": \"10.0.0.5\", \"dst\": \"10.0.0.6\"}");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (!value.isValueNode() || value.isNull()) {
                throw ApiException.badField(field.getKey(), "must be a string, number or boolean, not " + value);
            }
            fields.put(field.getKey(), value.asText());
        }
        return fields;
    }

    /** Quotes at most 60 characters of what the client sent, so a reason stays one readable line. */
    static String shortened(String text) {
        String flat = text.replaceAll("[\\p{Cntrl}]", "?");
        return flat.length() <= 60 ? flat : flat.substring(0, 57) + "...";
    }
}
