package org.intstream.agent.stream;

import org.intstream.engine.wire.PartialHeaderDecoder;
import org.intstream.proto.agent.Partial;

/**
 * Reads one stream's Partials back into their whole form (sequence, query name, window length and index,
 * every note, as {@link PartialHeaderEncoder} takes them): for an overlay-tree parent, which merges its
 * children's Partials and sends them on, and for the controller's endpoint.
 *
 * <p>One per stream, given every Partial in arrival order. Not thread-safe.
 */
public final class PartialHeaderReader {
    private final PartialHeaderDecoder decoder = new PartialHeaderDecoder();

    /** The sequence of a Partial as it arrived; call once per Partial, before {@link #whole}. */
    public long sequence(Partial arrived) {
        return decoder.sequence(arrived.getSequence());
    }

    /**
     * The Partial whose sequence {@link #sequence} just gave, whole.
     *
     * @throws IllegalArgumentException when its header refers to what this stream never said
     */
    public Partial whole(Partial arrived, long sequence) {
        PartialHeaderDecoder.Window w = decoder.window(arrived.getQueryVersion(), arrived.getQuery(),
                arrived.getWindowUs(), arrived.getWindow());
        long windowMicros = w.end() - w.start();
        return arrived.toBuilder().setSequence(sequence).setQuery(w.query()).setWindowUs(windowMicros)
                .setWindow(w.start() / windowMicros).clearNotes()
                .addAllNotes(decoder.notes(arrived.getQueryVersion(), arrived.getNotesUnchanged(), arrived.getNotesList(),
                        arrived.getNotesKeptList()))
                .setNotesUnchanged(false).clearNotesKept().build();
    }
}
