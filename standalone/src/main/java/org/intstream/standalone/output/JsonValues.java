package org.intstream.standalone.output;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import org.intstream.engine.sketch.SketchValue;

/** Writes a result value as JSON: numbers, booleans, strings (addresses in text form), lists, sketches. */
final class JsonValues {
    private JsonValues() {
    }

    static void write(JsonGenerator json, Object v) throws IOException {
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
                write(json, o);
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
}
