package org.intstream.agent.stream;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.intstream.proto.agent.Partial;

/**
 * The sending end of one stream's Partial headers (agent.proto, message Partial): leaves out what an earlier
 * Partial of the same stream said, as {@link org.intstream.engine.wire.PartialHeaderDecoder} restores it. It
 * takes Partials in their whole form (as a stream's first Partial would carry them: sequence, query name,
 * window length, the window's index, every note) and gives what goes on the wire.
 *
 * <p>One per stream, given every Partial written to it in order; a new connection starts a new one, so the
 * Partials resent after a reconnect carry everything again. Not thread-safe.
 */
public final class PartialHeaderEncoder {
    private long lastSequence;
    private final Map<Long, Said> said = new HashMap<>();

    /** What to write for a whole Partial. */
    public Partial encode(Partial whole) {
        if (whole.getSequence() <= 0 || whole.getQuery().isEmpty() || whole.getWindowUs() <= 0) {
            throw new IllegalArgumentException("a partial to send needs its sequence, query name and window length: "
                    + whole.getSequence() + ", '" + whole.getQuery() + "', " + whole.getWindowUs());
        }
        Partial.Builder b = whole.toBuilder();
        if (lastSequence != 0 && whole.getSequence() == lastSequence + 1) {
            b.clearSequence();
        }
        lastSequence = whole.getSequence();
        long version = whole.getQueryVersion();
        Said s = said.get(version);
        if (s == null || !s.name.equals(whole.getQuery()) || s.windowMicros != whole.getWindowUs()) {
            // The version's first Partial on this stream (or the version now names another query, as after a
            // controller restarted without its store): declared whole.
            said.put(version, new Said(whole.getQuery(), whole.getWindowUs(), whole.getWindow(), whole.getNotesList()));
            return b.build();
        }
        b.clearQuery().clearWindowUs().setWindow(whole.getWindow() - s.lastIndex - 1);
        s.lastIndex = whole.getWindow();
        if (!whole.getNotesList().isEmpty() && whole.getNotesList().equals(s.notes)) {
            b.clearNotes().setNotesUnchanged(true);
        }
        s.notes = whole.getNotesList();
        return b.build();
    }

    /** The declaration of one query version on this stream, and its last window and notes. */
    private static final class Said {
        final String name;
        final long windowMicros;
        long lastIndex;
        List<String> notes;

        Said(String name, long windowMicros, long lastIndex, List<String> notes) {
            this.name = name;
            this.windowMicros = windowMicros;
            this.lastIndex = lastIndex;
            this.notes = notes;
        }
    }
}
