package org.intstream.standalone.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.intstream.engine.cql.CqlSink;
import org.intstream.query.plan.Column;
import org.intstream.query.plan.Schema;

/**
 * CQL results as a user reads them (docs/cql.md, "Output"): each row with its statement and instant, stream
 * tuples as they are emitted, a relation's full value at each instant it changes (an empty relation as one
 * line saying so), and its value at the end of the trace marked final. Formats: jsonl, csv, table (aligned
 * columns, a header per statement).
 */
public final class CqlOutput implements CqlSink {
    /** Output formats. */
    public enum Format { JSONL, CSV, TABLE }

    private final PrintStream out;
    private final Format format;
    private final JsonGenerator json;
    private final Set<String> headed = new HashSet<>();

    public CqlOutput(PrintStream out, Format format) {
        this.out = out;
        this.format = format;
        try {
            this.json = format == Format.JSONL ? new JsonFactory().createGenerator(out) : null;
            if (json != null) {
                json.setRootValueSeparator(null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onRows(String statement, Schema schema, long instant, boolean stream, boolean finalState,
            List<Object[]> rows) {
        try {
            switch (format) {
                case JSONL:
                    jsonl(statement, schema, instant, stream, finalState, rows);
                    break;
                case CSV:
                    csv(statement, schema, instant, stream, finalState, rows);
                    break;
                default:
                    table(statement, schema, instant, stream, finalState, rows);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void jsonl(String statement, Schema schema, long instant, boolean stream, boolean finalState,
            List<Object[]> rows) throws IOException {
        if (rows.isEmpty()) {
            startRow(statement, instant, stream, finalState);
            json.writeBooleanField("empty", true);
            endRow();
        }
        for (Object[] r : rows) {
            startRow(statement, instant, stream, finalState);
            List<Column> cols = schema.columns();
            for (int i = 0; i < cols.size(); i++) {
                json.writeFieldName(cols.get(i).name());
                JsonValues.write(json, r[i]);
            }
            endRow();
        }
    }

    private void startRow(String statement, long instant, boolean stream, boolean finalState) throws IOException {
        json.writeStartObject();
        json.writeStringField("query", statement);
        Number ms = Values.epochMillis(instant);
        json.writeFieldName("instant");
        if (ms instanceof BigDecimal) {
            json.writeNumber(((BigDecimal) ms).toPlainString());
        } else {
            json.writeNumber(ms.longValue());
        }
        json.writeStringField("kind", stream ? "stream" : "relation");
        if (finalState) {
            json.writeBooleanField("final", true);
        }
    }

    private void endRow() throws IOException {
        json.writeEndObject();
        json.flush();
        out.write('\n');
    }

    private void csv(String statement, Schema schema, long instant, boolean stream, boolean finalState,
            List<Object[]> rows) {
        if (headed.add(statement)) {
            StringBuilder h = new StringBuilder("query,instant,kind");
            for (Column c : schema.columns()) {
                h.append(',').append(CsvSink.quote(c.name()));
            }
            out.println(h);
        }
        String head = CsvSink.quote(statement) + "," + Values.epochMillis(instant) + ","
                + (stream ? "stream" : finalState ? "final" : "relation");
        if (rows.isEmpty()) {
            out.println(head + ",".repeat(schema.size()));
        }
        for (Object[] r : rows) {
            StringBuilder sb = new StringBuilder(head);
            for (Object v : r) {
                sb.append(',').append(CsvSink.quote(v == null ? "" : Values.text(v, Integer.MAX_VALUE)));
            }
            out.println(sb);
        }
    }

    private void table(String statement, Schema schema, long instant, boolean stream, boolean finalState,
            List<Object[]> rows) {
        String what = stream ? "emits" : finalState ? "final value" : "is now";
        out.println("== " + statement + " @ " + Values.time(instant) + " " + what
                + (rows.isEmpty() ? " empty" : " (" + rows.size() + " row" + (rows.size() == 1 ? "" : "s") + ")"));
        if (rows.isEmpty()) {
            return;
        }
        int[] width = new int[schema.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = schema.columns().get(i).name().length();
            for (Object[] r : rows) {
                width[i] = Math.max(width[i], Values.text(r[i], 4).length());
            }
        }
        StringBuilder h = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            h.append(i == 0 ? "" : "  ").append(String.format("%-" + width[i] + "s", schema.columns().get(i).name()));
        }
        out.println(h.toString().stripTrailing());
        for (Object[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < width.length; i++) {
                sb.append(i == 0 ? "" : "  ").append(String.format("%-" + width[i] + "s", Values.text(r[i], 4)));
            }
            out.println(sb.toString().stripTrailing());
        }
    }
}
