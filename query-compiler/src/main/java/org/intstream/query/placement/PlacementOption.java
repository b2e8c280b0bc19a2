package org.intstream.query.placement;

/** One way to run a query and what it costs in bytes per window crossing into the global stage. */
public final class PlacementOption {
    /** Where the query's local part runs. */
    public enum Where { CENTRAL, AGENTS, SWITCHES }

    private final Where where;
    private final long bytesPerWindow;
    private final boolean exact;
    private final String basis;

    PlacementOption(Where where, long bytesPerWindow, boolean exact, String basis) {
        this.where = where;
        this.bytesPerWindow = bytesPerWindow;
        this.exact = exact;
        this.basis = basis;
    }

    public Where where() {
        return where;
    }

    public long bytesPerWindow() {
        return bytesPerWindow;
    }

    /** Whether the answer is exact there (a switch slot's is a count-min estimate). */
    public boolean exact() {
        return exact;
    }

    /** How the bytes were counted, in words. */
    public String basis() {
        return basis;
    }
}
