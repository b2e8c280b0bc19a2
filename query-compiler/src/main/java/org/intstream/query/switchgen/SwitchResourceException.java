package org.intstream.query.switchgen;

/** A query that does not fit a switch, naming the resource it exhausts. */
public final class SwitchResourceException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String resource;

    public SwitchResourceException(String resource, String message) {
        super(message);
        this.resource = resource;
    }

    /** The exhausted resource ("query slots", "slot filter entries", …). */
    public String resource() {
        return resource;
    }
}
