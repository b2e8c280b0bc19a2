package org.intstream.standalone.output;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.intstream.engine.exec.OutputInfo;
import org.intstream.engine.exec.ResultSink;
import org.intstream.engine.exec.WindowBatch;
import org.intstream.query.plan.Column;

/**
 * Results as aligned text tables, one per query output, with a column for the window's start (UTC). Over a
 * trace the tables print at the end; live, each window prints as it closes. Long tables are cut to
 * {@code maxRows} rows with a count of the rest; notes on estimated values follow each table.
 */
public final class TableSink implements ResultSink {
    private final PrintStream out;
    private final Set<String> shown;
    private final boolean streaming;
    private final int maxRows;
    private final Map<String, String> titles;
    private final Map<String, OutputInfo> outputs = new LinkedHashMap<>();
    private final Map<String, List<Object[]>> rows = new LinkedHashMap<>();
    private final Map<String, Set<String>> notes = new LinkedHashMap<>();

    /**
     * @param titles a one-line description per query name, shown above its table
     */
    public TableSink(PrintStream out, Set<String> shownQueries, boolean streaming, int maxRows,
            Map<String, String> titles) {
        this.out = out;
        this.shown = shownQueries;
        this.streaming = streaming;
        this.maxRows = maxRows;
        this.titles = titles;
    }

    /** Makes an output appear (with "no results") even if it never produces a row. */
    public void declare(OutputInfo info) {
        if (shown.contains(info.query())) {
            outputs.putIfAbsent(info.output(), info);
            rows.putIfAbsent(info.output(), new ArrayList<>());
            notes.putIfAbsent(info.output(), new LinkedHashSet<>());
        }
    }

    @Override
    public void onBatch(OutputInfo output, WindowBatch batch) {
        if (!shown.contains(output.query())) {
            return;
        }
        declare(output);
        List<Object[]> target = streaming ? new ArrayList<>() : rows.get(output.output());
        for (Object[] r : batch.rows) {
            Object[] withTime = new Object[r.length + 1];
            withTime[0] = Values.time(batch.start);
            System.arraycopy(r, 0, withTime, 1, r.length);
            target.add(withTime);
        }
        notes.get(output.output()).addAll(batch.notes);
        if (streaming && !batch.rows.isEmpty()) {
            print(output, target, new LinkedHashSet<>(batch.notes));
        }
    }

    @Override
    public void onFinish() {
        if (streaming) {
            return;
        }
        for (Map.Entry<String, OutputInfo> e : outputs.entrySet()) {
            print(e.getValue(), rows.get(e.getKey()), notes.get(e.getKey()));
        }
    }

    private void print(OutputInfo info, List<Object[]> data, Set<String> batchNotes) {
        String title = titles.getOrDefault(info.query(), "");
        out.println("== " + info.output() + (title.isEmpty() ? "" : " — " + title));
        if (data.isEmpty()) {
            out.println("(no results)");
            out.println();
            return;
        }
        List<String> header = new ArrayList<>();
        header.add(info.windowed() ? "window_start" : "time");
        for (Column c : info.schema().columns()) {
            header.add(c.name());
        }
        List<String[]> cells = new ArrayList<>();
        int shownRows = Math.min(maxRows, data.size());
        for (int i = 0; i < shownRows; i++) {
            Object[] r = data.get(i);
            String[] line = new String[r.length];
            for (int k = 0; k < r.length; k++) {
                line[k] = Values.text(r[k], 4);
            }
            cells.add(line);
        }
        int[] width = new int[header.size()];
        for (int k = 0; k < width.length; k++) {
            width[k] = header.get(k).length();
            for (String[] line : cells) {
                width[k] = Math.max(width[k], line[k].length());
            }
        }
        out.println(line(header.toArray(new String[0]), width));
        StringBuilder rule = new StringBuilder();
        for (int k = 0; k < width.length; k++) {
            rule.append(k == 0 ? "" : "  ").append("-".repeat(width[k]));
        }
        out.println(rule);
        for (String[] l : cells) {
            out.println(line(l, width));
        }
        if (data.size() > shownRows) {
            out.println("… " + (data.size() - shownRows) + " more rows (use --format jsonl or csv for all)");
        }
        for (String n : batchNotes) {
            out.println("note: " + n);
        }
        out.println();
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < cells.length; k++) {
            if (k > 0) {
                sb.append("  ");
            }
            sb.append(cells[k]);
            if (k < cells.length - 1) {
                sb.append(" ".repeat(width[k] - cells[k].length()));
            }
        }
        return sb.toString();
    }
}
