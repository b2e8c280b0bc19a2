package org.intstream.query.api;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** Checks the names the fluent API is given against what the DSL can write. */
final class Names {
    /** The grammar's reserved words; its operator words (filter, window, …) remain valid names. */
    private static final Set<String> RESERVED = Set.of("and", "or", "not", "in", "is", "as", "by", "on", "true",
            "false", "absent");

    private Names() {
    }

    /** A plain name: letters, digits and '_', not starting with a digit, not a reserved word. */
    static String ident(String name, String what) {
        Objects.requireNonNull(name, what + " can't be null");
        if (!isIdent(name)) {
            throw new IllegalArgumentException(what + " '" + name + "' is not a name: use letters, digits and '_',"
                    + " starting with a letter or '_'");
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(what + " '" + name + "' is a reserved word of the query language");
        }
        return name;
    }

    /** Names joined by dots: {@code ip.src}, {@code split_processing.tcp}. */
    static String qualified(String name, String what) {
        Objects.requireNonNull(name, what + " can't be null");
        for (String part : name.split("\\.", -1)) {
            if (!isIdent(part)) {
                throw new IllegalArgumentException(what + " '" + name + "' is not a name: use names of letters,"
                        + " digits and '_' joined by '.'");
            }
            if (RESERVED.contains(part.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(what + " '" + name + "' contains the reserved word '" + part + "'");
            }
        }
        return name;
    }

    private static boolean isIdent(String s) {
        if (s.isEmpty() || !(isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isLetter(c) && !(c >= '0' && c <= '9') && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
