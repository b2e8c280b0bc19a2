package org.intstream.standalone.output;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.intstream.engine.exec.OutputInfo;
import org.intstream.engine.exec.ResultSink;
import org.intstream.engine.exec.WindowBatch;
import org.intstream.engine.sketch.SketchValue;
import org.intstream.query.plan.Column;

/**
 * CSV (RFC 4180): for each output, a header line before its first row ({@code query,window_start,window_end,
 * <columns>}), then one line per row. Times are epoch milliseconds; lists are {@code ;}-separated.
 */
public final class CsvSink implements ResultSink {
    private final PrintStream out;
    private final Set<String> shown;
    private final Set<String> headed = new HashSet<>();

    public CsvSink(PrintStream out, Set<String> shownQueries) {
        this.out = out;
        this.shown = shownQueries;
    }

    @Override
    public void onBatch(OutputInfo output, WindowBatch batch) {
        if (!shown.contains(output.query()) || batch.rows.isEmpty()) {
            return;
        }
        List<Column> cols = output.schema().columns();
        if (headed.add(output.output())) {
            StringBuilder h = new StringBuilder("query,window_start,window_end");
            for (Column c : cols) {
                h.append(',').append(quote(c.name()));
            }
            out.println(h);
        }
        for (Object[] row : batch.rows) {
            StringBuilder sb = new StringBuilder(quote(output.output()));
            sb.append(',').append(Values.epochMillis(batch.start));
            sb.append(',').append(batch.isWindowed() ? Values.epochMillis(batch.end).toString() : "");
            for (int i = 0; i < cols.size(); i++) {
                sb.append(',').append(quote(cell(row[i])));
            }
            out.println(sb);
        }
        out.flush();
    }

    private static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof List) {
            StringBuilder sb = new StringBuilder();
            for (Object o : (List<?>) v) {
                sb.append(sb.length() == 0 ? "" : ";").append(cell(o));
            }
            return sb.toString();
        }
        if (v instanceof SketchValue) {
            return v.toString();
        }
        return v.toString();
    }

    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
