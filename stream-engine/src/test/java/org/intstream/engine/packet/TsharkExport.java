package org.intstream.engine.packet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One capture's fields as tshark exported them (make-pcaps.sh, {@code -T fields -E header=y}): a row per
 * frame, repeated occurrences joined with '|', the outermost header's first.
 */
final class TsharkExport {
    private final List<Map<String, String>> rows;

    private TsharkExport(List<Map<String, String>> rows) {
        this.rows = rows;
    }

    static TsharkExport read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            if (cells.length != header.length) {
                throw new IllegalArgumentException(csv + ": row has " + cells.length + " cells, header "
                        + header.length + ": " + line);
            }
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                if (!cells[i].isEmpty()) {
                    row.put(header[i], cells[i]);
                }
            }
            rows.add(row);
        }
        return new TsharkExport(rows);
    }

    int size() {
        return rows.size();
    }

    /** First (outermost) occurrence of a field in frame {@code index} (0-based), or null. */
    String first(int index, String field) {
        String value = rows.get(index).get(field);
        if (value == null) {
            return null;
        }
        int bar = value.indexOf('|');
        return bar < 0 ? value : value.substring(0, bar);
    }

    /** First occurrence as a number; tshark writes some fields in hex ("0x0018"). */
    Long number(int index, String field) {
        String value = first(index, field);
        return value == null ? null : Long.decode(value);
    }
}
