package org.intstream.agent.stream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.intstream.engine.wire.PartialHeaderDecoder;
import org.intstream.proto.agent.Partial;

/**
 * The sending end of one stream's Partial headers (agent.proto, message Partial): leaves out what an earlier
 * Partial of the same stream said, as {@link org.intstream.engine.wire.PartialHeaderDecoder} restores it; notes
 * that changed go as edits of the previous ones when that is shorter (a sketch's bound note differs in its
 * number only). It
 * takes Partials in their whole form (as a stream's first Partial would carry them: sequence, query name,
 * window length, the window's index, every note) and gives what goes on the wire.
 *
 * <p>One per stream, given every Partial written to it in order; a new connection starts a new one, so the
 * Partials resent after a reconnect carry everything again. Like the decoder, it remembers the stream's
 * {@link PartialHeaderDecoder#REMEMBERED_VERSIONS} most recently used versions and declares a forgotten one again.
 * Not thread-safe.
 */
public final class PartialHeaderEncoder {
    private long lastSequence;
    private final Map<Long, Said> said = new RecentVersions();

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
        List<String> notes = whole.getNotesList();
        if (!notes.isEmpty() && notes.equals(s.notes)) {
            b.clearNotes().setNotesUnchanged(true);
        } else if (!notes.isEmpty()) {
            editNotes(b, notes, s.notes);
        }
        s.notes = notes;
        return b.build();
    }

    /**
     * Writes each note as what changed in the previous note at its position, when the characters kept are
     * more than the two lengths per note cost.
     */
    private static void editNotes(Partial.Builder b, List<String> notes, List<String> previous) {
        List<String> middles = new ArrayList<>(notes.size());
        List<Integer> kept = new ArrayList<>(2 * notes.size());
        long keptTotal = 0;
        for (int i = 0; i < notes.size(); i++) {
            String n = notes.get(i);
            String p = i < previous.size() ? previous.get(i) : "";
            int head = commonHead(n, p);
            int tail = commonTail(n, p, head);
            middles.add(n.substring(head, n.length() - tail));
            int headPoints = n.codePointCount(0, head);
            int tailPoints = n.codePointCount(n.length() - tail, n.length());
            kept.add(headPoints);
            kept.add(tailPoints);
            keptTotal += headPoints + tailPoints;
        }
        // Edits that keep more than the decoder takes go whole.
        if (keptTotal > 2L * notes.size() + 3 && keptTotal <= PartialHeaderDecoder.MAX_KEPT) {
            b.clearNotes().addAllNotes(middles).addAllNotesKept(kept);
        }
    }

    /** The chars two texts begin with alike, not splitting a surrogate pair. */
    private static int commonHead(String a, String b) {
        int max = Math.min(a.length(), b.length());
        int k = 0;
        while (k < max && a.charAt(k) == b.charAt(k)) {
            k++;
        }
        return k > 0 && Character.isHighSurrogate(a.charAt(k - 1)) ? k - 1 : k;
    }

    /** The chars two texts end with alike, after their common head, not splitting a surrogate pair. */
    private static int commonTail(String a, String b, int head) {
        int max = Math.min(a.length(), b.length()) - head;
        int k = 0;
        while (k < max && a.charAt(a.length() - 1 - k) == b.charAt(b.length() - 1 - k)) {
            k++;
        }
        return k > 0 && Character.isLowSurrogate(a.charAt(a.length() - k)) ? k - 1 : k;
    }

    /** The declared versions, the least recently used first, forgotten as the decoder forgets them. */
    private static final class RecentVersions extends LinkedHashMap<Long, Said> {
        private static final long serialVersionUID = 1L;

        RecentVersions() {
            super(16, 0.75f, true);
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Said> eldest) {
            return size() > PartialHeaderDecoder.REMEMBERED_VERSIONS;
        }
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
