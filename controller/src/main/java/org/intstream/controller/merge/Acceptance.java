package org.intstream.controller.merge;

/** What the controller did with a partial report. Every outcome is final: the agent may forget the report. */
public enum Acceptance {
    /** Taken into its window. */
    ACCEPTED,
    /** This agent's rows for this query and window were taken already (a resend): dropped. */
    DUPLICATE,
    /** Its window was published already (after its grace period): dropped. */
    LATE,
    /** No query of that name runs, or it was replaced (another version): dropped. */
    UNKNOWN_QUERY,
    /** Rows that don't fit the query's partial columns or a window that isn't one of the query's: dropped. */
    MALFORMED
}
