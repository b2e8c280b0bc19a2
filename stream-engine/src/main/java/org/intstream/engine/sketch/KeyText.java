package org.intstream.engine.sketch;

/** A key's values as text: "10.0.0.1" or "10.0.0.1,443". */
final class KeyText {
    private KeyText() {
    }

    static String of(Object[] values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(values[i]);
        }
        return sb.toString();
    }
}
