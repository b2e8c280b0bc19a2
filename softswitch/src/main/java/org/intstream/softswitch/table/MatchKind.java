package org.intstream.softswitch.table;

/** How a key element matches: BMv2's and P4Runtime's match kinds. */
public enum MatchKind {
    EXACT, LPM, TERNARY, RANGE, OPTIONAL;

    /** Parses a BMv2 JSON {@code match_type} ({@code valid} is an exact match on the validity bit). */
    public static MatchKind ofBmv2(String name) {
        switch (name) {
            case "exact":
            case "valid":
                return EXACT;
            case "lpm":
                return LPM;
            case "ternary":
                return TERNARY;
            case "range":
                return RANGE;
            case "optional":
                return OPTIONAL;
            default:
                return null;
        }
    }

    /** Whether entries with this kind need a priority. */
    public boolean needsPriority() {
        return this == TERNARY || this == RANGE || this == OPTIONAL;
    }
}
