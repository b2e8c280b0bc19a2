package org.intstream.standalone.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.intstream.engine.exec.OutputInfo;
import org.intstream.engine.exec.ResultSink;
import org.intstream.engine.exec.WindowBatch;
import org.intstream.query.plan.Column;

/**
 * One JSON object per result row: {@code {"query": …, "window_start": <epoch ms>, "window_end": <epoch ms>,
 * <every output column by name>}}. A side output adds {@code "output"}; an estimated value adds
 * {@code "approximate": true} and {@code "error_bounds"}; an unwindowed row carries {@code "time"} instead of
 * the window.
 */
public final class JsonLinesSink implements ResultSink {
    private final JsonGenerator json;
    private final OutputStream out;
    private final Set<String> shown;

    public JsonLinesSink(OutputStream out, Set<String> shownQueries) {
        try {
            this.json = new JsonFactory().createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.json.setRootValueSeparator(null);
        this.out = out;
        this.shown = shownQueries;
    }

    @Override
    public void onBatch(OutputInfo output, WindowBatch batch) {
        if (!shown.contains(output.query())) {
            return;
        }
        try {
            for (Object[] row : batch.rows) {
                json.writeStartObject();
                json.writeStringField("query", output.query());
                if (!output.output().equals(output.query())) {
                    json.writeStringField("output", output.output());
                }
                if (batch.isWindowed()) {
                    writeNumber("window_start", Values.epochMillis(batch.start));
                    writeNumber("window_end", Values.epochMillis(batch.end));
                } else {
                    writeNumber("time", Values.epochMillis(batch.start));
                }
                List<Column> cols = output.schema().columns();
                for (int i = 0; i < cols.size(); i++) {
                    json.writeFieldName(cols.get(i).name());
                    write(row[i]);
                }
                if (batch.approximate) {
                    json.writeBooleanField("approximate", true);
                    if (!batch.errorBounds.isEmpty()) {
                        json.writeObjectFieldStart("error_bounds");
                        for (Map.Entry<String, Long> e : batch.errorBounds.entrySet()) {
                            json.writeNumberField(e.getKey(), e.getValue());
                        }
                        json.writeEndObject();
                    }
                }
                json.writeEndObject();
                json.flush();
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeNumber(String field, Number n) throws IOException {
        json.writeFieldName(field);
        if (n instanceof BigDecimal) {
            json.writeNumber(((BigDecimal) n).toPlainString());
        } else {
            json.writeNumber(n.longValue());
        }
    }

    private void write(Object v) throws IOException {
        JsonValues.write(json, v);
    }

    @Override
    public void onFinish() {
        try {
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
