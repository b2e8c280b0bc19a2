package org.intstream.onos.bundle;

import java.util.ArrayList;
import java.util.List;

/** Splits an OSGi manifest header into its clauses (commas inside quotes belong to the clause). */
final class ManifestHeaders {
    private ManifestHeaders() {
    }

    static List<String> clauses(String header) {
        List<String> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(b.toString().trim());
                b.setLength(0);
            } else {
                b.append(c);
            }
        }
        if (b.length() > 0) {
            out.add(b.toString().trim());
        }
        return out;
    }

    /** The package (or path) a clause is about, before its attributes. */
    static String name(String clause) {
        int i = clause.indexOf(';');
        return i < 0 ? clause : clause.substring(0, i);
    }
}
