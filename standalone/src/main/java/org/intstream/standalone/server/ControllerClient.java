package org.intstream.standalone.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** The REST client behind {@code intstream submit|list|remove|results}. */
public final class ControllerClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ControllerClient(String baseUrl) {
        String b = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        try {
            this.base = URI.create(b);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--server: '" + baseUrl + "' is not a URL", e);
        }
        if (base.getScheme() == null || base.getHost() == null) {
            throw new IllegalArgumentException("--server wants http://HOST:PORT, got '" + baseUrl + "'");
        }
    }

    public JsonNode submit(String text, Map<String, String> params) throws IOException {
        return submit(text, params, false);
    }

    /** Submits, allowing switches' estimates to stand in for an exact query when {@code estimates} is set. */
    public JsonNode submit(String text, Map<String, String> params, boolean estimates) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("query", text);
        body.set("params", JSON.valueToTree(params));
        if (estimates) {
            body.put("estimates", true);
        }
        return send(HttpRequest.newBuilder(base.resolve("/queries")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    public JsonNode list() throws IOException {
        return send(HttpRequest.newBuilder(base.resolve("/queries")).GET());
    }

    public JsonNode remove(String name) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve("/queries/" + encode(name))).DELETE());
    }

    public JsonNode results(String name, int limit) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve("/results/" + encode(name) + "?limit=" + limit)).GET());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Sends a request; a reply other than 2xx becomes an IOException carrying the server's reason. */
    private JsonNode send(HttpRequest.Builder request) throws IOException {
        HttpResponse<String> r;
        try {
            r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the controller at " + base, e);
        } catch (java.net.ConnectException e) {
            throw new IOException("no controller answers at " + base + " (" + e.getMessage() + ")", e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IOException("the controller at " + base + " answered " + r.statusCode() + " with no JSON", e);
        }
        if (r.statusCode() / 100 != 2) {
            throw new IOException("controller: " + body.path("error").asText("HTTP " + r.statusCode()));
        }
        return body;
    }
}
