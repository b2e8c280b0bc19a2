package org.intstream.standalone.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * The web dashboard's files, built from {@code web/} into the jar under {@code /dashboard/}: {@code /}
 * redirects to {@code /dashboard/}, which serves the page; other paths under it serve the built files. A jar
 * built without the dashboard ({@code -Ddashboard.skip}) answers 404 saying so.
 */
final class DashboardAssets {
    static final String PREFIX = "/dashboard/";
    private static final String RESOURCES = "/dashboard/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "txt", "text/plain; charset=utf-8",
            "png", "image/png",
            "svg", "image/svg+xml");

    private DashboardAssets() {
    }

    /**
     * Answers a request that no API route took: the dashboard's files, or 404.
     *
     * @return false when the path is none of the dashboard's (the caller answers it)
     */
    static boolean serve(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        if (path.equals("/") || path.equals("/dashboard")) {
            x.getResponseHeaders().set("Location", PREFIX);
            x.sendResponseHeaders(302, -1);
            return true;
        }
        if (!path.startsWith(PREFIX)) {
            return false;
        }
        String file = path.substring(PREFIX.length());
        if (file.isEmpty()) {
            file = "index.html";
        }
        // Only plain names of the built folder: no way up or sideways in the class path.
        if (!file.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || file.contains("..")) {
            return false;
        }
        String type = TYPES.get(file.substring(file.lastIndexOf('.') + 1));
        if (type == null) {
            return false;
        }
        try (InputStream in = DashboardAssets.class.getResourceAsStream(RESOURCES + file)) {
            if (in == null) {
                return false;
            }
            byte[] body = in.readAllBytes();
            x.getResponseHeaders().set("Content-Type", type);
            x.getResponseHeaders().set("Cache-Control", "no-cache");
            boolean head = x.getRequestMethod().equals("HEAD");
            x.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                try (OutputStream o = x.getResponseBody()) {
                    o.write(body);
                }
            }
            return true;
        }
    }

    /** Whether this jar carries the built dashboard. */
    static boolean built() {
        return DashboardAssets.class.getResource(RESOURCES + "index.html") != null;
    }
}
