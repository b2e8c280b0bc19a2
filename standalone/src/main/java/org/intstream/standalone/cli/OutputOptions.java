package org.intstream.standalone.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.Set;
import org.intstream.engine.exec.ResultSink;
import org.intstream.standalone.output.CsvSink;
import org.intstream.standalone.output.JsonLinesSink;
import org.intstream.standalone.output.TableSink;
import picocli.CommandLine.Option;

/** Output options shared by the commands that print results. */
public final class OutputOptions {
    /** Result formats. */
    public enum Format { table, jsonl, csv }

    @Option(names = "--format", description = "table, jsonl or csv (default: ${DEFAULT-VALUE})", defaultValue = "table")
    Format format;

    @Option(names = "--max-rows", description = "rows per table in table format (default: ${DEFAULT-VALUE})",
            defaultValue = "20")
    int maxRows;

    ResultSink sink(PrintStream out, Set<String> shown, boolean streaming, Map<String, String> titles) {
        switch (format) {
            case jsonl:
                return new JsonLinesSink(out, shown);
            case csv:
                return new CsvSink(out, shown);
            default:
                return new TableSink(out, shown, streaming, maxRows, titles);
        }
    }
}
