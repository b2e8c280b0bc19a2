package org.intstream.softswitch.parser;

import org.intstream.softswitch.runtime.PacketContext;

/**
 * A compiled parser. Parsing starts at byte 0 and leaves {@link PacketContext#payloadOffset} after the
 * last header extracted; an error stops it where it happened and is recorded in
 * {@link PacketContext#parserError} (BMv2 then runs the ingress pipeline all the same).
 */
public final class Parser {
    /** Bound on states visited, so a looping parser cannot hang the switch. */
    private static final int MAX_STATES = 10_000;

    private final String name;
    private final ParseState start;

    public Parser(String name, ParseState start) {
        this.name = name;
        this.start = start;
    }

    public String name() {
        return name;
    }

    public void parse(PacketContext c) {
        c.payloadOffset = 0;
        c.parserError = 0;
        ParseState state = start;
        int visited = 0;
        try {
            while (state != null) {
                if (++visited > MAX_STATES) {
                    throw new IllegalStateException("parser " + name + " visited more than " + MAX_STATES
                            + " states (last: " + state.name() + ")");
                }
                state = state.run(c);
            }
        } catch (ParserError e) {
            c.parserError = e.code();
        }
    }
}
