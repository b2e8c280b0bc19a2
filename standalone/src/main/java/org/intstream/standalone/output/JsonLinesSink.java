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
import org.intstream.engine.sketch.SketchValue;
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
        if (v == null) {
            json.writeNull();
        } else if (v instanceof Long) {
            json.writeNumber((Long) v);
        } else if (v instanceof Double) {
            double d = (Double) v;
            if (Double.isFinite(d)) {
                json.writeNumber(d);
            } else {
                json.writeNull();
            }
        } else if (v instanceof Boolean) {
            json.writeBoolean((Boolean) v);
        } else if (v instanceof List) {
            json.writeStartArray();
            for (Object o : (List<?>) v) {
                write(o);
            }
            json.writeEndArray();
        } else if (v instanceof SketchValue) {
            SketchValue s = (SketchValue) v;
            json.writeStartObject();
            json.writeNumberField("rows", s.rows());
            json.writeNumberField("width", s.width());
            json.writeFieldName("row_hashes");
            json.writeStartArray();
            for (String h : s.rowHashes()) {
                json.writeString(h);
            }
            json.writeEndArray();
            json.writeFieldName("field_widths");
            json.writeArray(s.fieldWidths(), 0, s.fieldWidths().length);
            json.writeNumberField("total", s.total());
            json.writeFieldName("cells");
            json.writeStartArray();
            for (long[] row : s.cells()) {
                json.writeArray(row, 0, row.length);
            }
            json.writeEndArray();
            json.writeEndObject();
        } else {
            json.writeString(v.toString());
        }
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
