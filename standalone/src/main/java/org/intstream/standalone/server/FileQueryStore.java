package org.intstream.standalone.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.intstream.controller.store.QueryRecord;
import org.intstream.controller.store.QueryStore;
import org.intstream.controller.store.StoreException;

/**
 * The standalone controller's query store: one JSON file, {@code queries.json} in the state directory,
 * rewritten whole on every change through a temporary file that is synced and then renamed over it, so a
 * crash leaves either the old or the new file, never half of one.
 *
 * <pre>
 * {"format": 1, "last_version": 7,
 *  "queries": [{"name": "port_scan", "version": 7, "text": "query port_scan(...) ...", "params": {"threshold": "20"}}]}
 * </pre>
 */
public final class FileQueryStore implements QueryStore {
    public static final String FILE_NAME = "queries.json";
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, QueryRecord> queries = new LinkedHashMap<>();
    private long lastVersion;

    private FileQueryStore(Path file) {
        this.file = file;
    }

    /**
     * Opens the store in a state directory, creating the directory when missing and reading the file when
     * present.
     *
     * @throws StoreException when the directory can't be made or the file can't be read as a query store
     */
    public static FileQueryStore open(Path stateDir) {
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new StoreException("cannot create the state directory " + stateDir + ": " + e, e);
        }
        FileQueryStore s = new FileQueryStore(stateDir.resolve(FILE_NAME));
        if (Files.exists(s.file)) {
            s.read();
        }
        return s;
    }

    public Path file() {
        return file;
    }

    private void read() {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String why = e.getOriginalMessage();
            // Jackson appends where an unclosed object started, with a redacted source: the position says enough.
            int marker = why.indexOf(" (start marker");
            throw new StoreException(file + ": not JSON: " + (marker > 0 ? why.substring(0, marker) : why)
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"), e);
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e, e);
        }
        if (root == null || !root.isObject() || root.path("format").asInt() != FORMAT
                || !root.path("queries").isArray() || !root.path("last_version").canConvertToLong()) {
            throw new StoreException(file + ": not a query store of format " + FORMAT
                    + " ({\"format\": 1, \"last_version\": N, \"queries\": [...]})");
        }
        lastVersion = root.get("last_version").asLong();
        int i = 0;
        for (JsonNode q : root.get("queries")) {
            String where = file + ": queries[" + i++ + "]";
            if (!q.path("name").isTextual() || !q.path("text").isTextual() || !q.path("version").canConvertToLong()
                    || !(q.path("params").isObject() || q.path("params").isMissingNode())
                    || !(q.path("estimates_allowed").isBoolean() || q.path("estimates_allowed").isMissingNode())) {
                throw new StoreException(where + " needs a name, a version, a text, params as an object and, if "
                        + "given, estimates_allowed as true or false");
            }
            Map<String, String> params = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = q.path("params").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                params.put(e.getKey(), e.getValue().asText());
            }
            QueryRecord r = new QueryRecord(q.get("name").asText(), q.get("version").asLong(), q.get("text").asText(),
                    params, q.path("estimates_allowed").asBoolean(false));
            if (queries.put(r.name(), r) != null) {
                throw new StoreException(where + ": query '" + r.name() + "' is stored twice");
            }
            lastVersion = Math.max(lastVersion, r.version());
        }
    }

    @Override
    public synchronized List<QueryRecord> queries() {
        return new ArrayList<>(queries.values());
    }

    @Override
    public synchronized long lastVersion() {
        return lastVersion;
    }

    @Override
    public synchronized void put(QueryRecord query) {
        Map<String, QueryRecord> next = new LinkedHashMap<>(queries);
        next.remove(query.name());
        next.put(query.name(), query);
        long version = Math.max(lastVersion, query.version());
        write(next, version);
        queries.clear();
        queries.putAll(next);
        lastVersion = version;
    }

    @Override
    public synchronized void remove(String name) {
        if (!queries.containsKey(name)) {
            return;
        }
        Map<String, QueryRecord> next = new LinkedHashMap<>(queries);
        next.remove(name);
        write(next, lastVersion);
        queries.remove(name);
    }

    private void write(Map<String, QueryRecord> content, long version) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("last_version", version);
        ArrayNode list = root.putArray("queries");
        for (QueryRecord r : content.values()) {
            ObjectNode q = list.addObject();
            q.put("name", r.name());
            q.put("version", r.version());
            q.put("text", r.text());
            q.set("params", JSON.valueToTree(new TreeMap<>(r.parameters())));
            if (r.estimatesAllowed()) {
                q.put("estimates_allowed", true);
            }
        }
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        try {
            byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
            try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                c.write(java.nio.ByteBuffer.wrap(bytes));
                c.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new StoreException("cannot replace " + file + " atomically (" + e.getMessage()
                        + "); put the state directory on a local file system", e);
            }
        } catch (IOException e) {
            throw new StoreException("cannot write " + file + ": " + e, e);
        }
    }
}
