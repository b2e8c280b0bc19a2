package org.intstream.softswitch.model;

/**
 * A BMv2 JSON program the soft switch cannot load: malformed, inconsistent, or using a construct the
 * interpreter does not implement. The message names the place in the JSON (a JSON pointer such as
 * {@code /actions/3/primitives/1}) and what is wrong there.
 */
public final class ProgramFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String where;

    public ProgramFormatException(String where, String what) {
        super(where + ": " + what);
        this.where = where;
    }

    /** The JSON pointer of the offending element. */
    public String where() {
        return where;
    }
}
