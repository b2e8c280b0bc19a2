package org.intstream.standalone.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import org.intstream.controller.merge.MergedWindow;
import org.intstream.controller.result.ResultListener;

/**
 * Publishes every merged window as one JSON line (the REST API's window object with the query's name and
 * version), flushed line by line, so `tail -f`, log shippers and stream processors can follow the results.
 * A file is appended to, never truncated. A failed write is logged and the next window is tried again.
 */
public final class JsonLinesPublisher implements ResultListener, AutoCloseable {
    private final ObjectMapper json = new ObjectMapper();
    private final Writer out;
    private final Consumer<String> log;
    private long written;
    private long failed;

    private JsonLinesPublisher(Writer out, Consumer<String> log) {
        this.out = out;
        this.log = log;
    }

    /** To a file ("-": standard output). */
    public static JsonLinesPublisher open(String target, Consumer<String> log) throws IOException {
        OutputStream stream = target.equals("-") ? System.out
                : Files.newOutputStream(Path.of(target), StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                        StandardOpenOption.WRITE);
        return to(stream, log);
    }

    public static JsonLinesPublisher to(OutputStream stream, Consumer<String> log) {
        return new JsonLinesPublisher(new OutputStreamWriter(stream, StandardCharsets.UTF_8), log);
    }

    @Override
    public synchronized void published(MergedWindow w) {
        ObjectNode line = json.createObjectNode();
        line.put("query", w.query());
        line.put("query_version", w.queryVersion());
        line.setAll(ResultJson.window(json, w));
        try {
            out.write(json.writeValueAsString(line));
            out.write('\n');
            out.flush();
            written++;
        } catch (IOException e) {
            if (failed++ == 0) {
                log.accept("results jsonl: " + e.getMessage() + " (further failures are counted, not logged)");
            }
        }
    }

    public synchronized long written() {
        return written;
    }

    public synchronized long failed() {
        return failed;
    }

    @Override
    public synchronized void close() throws IOException {
        out.flush();
    }
}
