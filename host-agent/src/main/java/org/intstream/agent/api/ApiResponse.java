package org.intstream.agent.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer of the API: the status, a text or JSON body, and headers that carry what the seed's plain
 * bodies have no room for (totals, error bounds, windows), prefixed {@code X-IntStream-}.
 */
public record ApiResponse(int status, String contentType, String body, Map<String, String> headers) {
    static final String TEXT = "text/plain; charset=utf-8";
    static final String JSON = "application/json";

    public static ApiResponse text(String body) {
        return new ApiResponse(200, TEXT, body, new LinkedHashMap<>());
    }

    public static ApiResponse json(String body) {
        return new ApiResponse(200, JSON, body, new LinkedHashMap<>());
    }

    /** A refusal: the reason is the whole body, one line. */
    public static ApiResponse error(int status, String reason) {
        return new ApiResponse(status, TEXT, reason + "\n", new LinkedHashMap<>());
    }

    public ApiResponse withHeader(String name, Object value) {
        headers.put(name, String.valueOf(value));
        return this;
    }
}
