package org.intstream.agent.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves the {@link MeasurementApi} over HTTP on one address and port: {@code POST /} with the message
 * form-encoded (or as a JSON object), answered as text or JSON. Only clients on the allow-list get an
 * answer; others get 403. Other paths get 404, other methods 405, bodies over 64 KiB 413.
 */
public final class MeasurementApiServer implements AutoCloseable {
    /** The seed's agents listen on port 8000. */
    public static final int DEFAULT_PORT = 8000;
    static final int MAX_BODY = 64 << 10;
    private static final int THREADS = 4;

    private final HttpServer server;
    private final ExecutorService executor;
    private final MessageHandler api;
    private final ClientAllowList allowList;
    private final Consumer<String> log;

    /**
     * Binds {@code address:port} (port 0 picks a free one) and starts serving.
     *
     * @throws IOException when the address cannot be bound; the message names it
     */
    public MeasurementApiServer(InetAddress address, int port, ClientAllowList allowList, MessageHandler api,
            Consumer<String> log) throws IOException {
        this.api = api;
        this.allowList = allowList;
        this.log = log;
        try {
            this.server = HttpServer.create(new InetSocketAddress(address, port), 16);
        } catch (IOException e) {
            throw new IOException("cannot serve the measurement API on " + address.getHostAddress() + ":" + port
                    + ": " + e.getMessage(), e);
        }
        this.executor = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "measurement-api");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    /** The address and port actually bound. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            ApiResponse response;
            try {
                response = answer(exchange);
            } catch (ApiException e) {
                response = ApiResponse.error(e.status(), e.getMessage());
            } catch (RuntimeException e) {
                log.accept("measurement API failed on a request: " + e);
                response = ApiResponse.error(500, "internal error: " + e);
            }
            send(exchange, response);
        }
    }

    private ApiResponse answer(HttpExchange exchange) throws ApiException, IOException {
        InetAddress peer = exchange.getRemoteAddress().getAddress();
        if (!allowList.test(peer)) {
            log.accept("refused an API request from " + peer.getHostAddress() + " (not on the allow-list)");
            throw new ApiException(403, "client " + peer.getHostAddress() + " is not on this agent's allow-list");
        }
        String path = exchange.getRequestURI().getPath();
        if (!"/".equals(path)) {
            throw new ApiException(404, "no resource '" + MessageFields.shortened(path) + "'; POST messages to /");
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            throw new ApiException(405, "method " + exchange.getRequestMethod() + " is not allowed; POST a "
                    + "form-encoded message with a 'type' field");
        }
        byte[] body = readBody(exchange.getRequestBody());
        Map<String, String> fields = MessageFields.decode(exchange.getRequestHeaders().getFirst("Content-Type"), body);
        return api.handle(fields);
    }

    private static byte[] readBody(InputStream in) throws IOException, ApiException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw new ApiException(413, "the message is larger than " + MAX_BODY + " bytes");
        }
        return body;
    }

    private static void send(HttpExchange exchange, ApiResponse response) throws IOException {
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops accepting, lets requests in progress finish for up to a second, and releases the port. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
