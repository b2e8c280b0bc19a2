package org.intstream.engine.wire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The receiving end of one agent stream's Partial headers (agent.proto, message Partial): restores what a
 * Partial leaves out because an earlier Partial of the same stream said it. Per stream, a Partial without a
 * sequence has the previous one's plus one; per query version, the Partial that declares it names the query
 * and gives its window length and window index, later ones only how far their window is past the next one;
 * notes_unchanged stands for the previous notes of that version, and notes_kept makes each note an edit of
 * the previous one at its position. Plain values, no protobuf classes: the
 * controller's endpoints of every runtime read their own generated messages through it.
 *
 * <p>One per stream, fed every Partial in arrival order (a new stream starts with nothing said, as the
 * sending agent's encoder does). A stream remembers its {@link #REMEMBERED_VERSIONS} most recently used versions
 * only, as the encoder does, so what a long stream holds stays bounded however many queries come and go. Not
 * thread-safe.
 */
public final class PartialHeaderDecoder {
    /**
     * How many query versions a stream remembers, the most recently used (declared or named by a Partial): a
     * Partial of a version used before the last this many others is declared again.
     */
    public static final int REMEMBERED_VERSIONS = 64;
    /**
     * The characters (code points) a Partial's note edits may keep of the previous notes, in all: notes that
     * would keep more go whole, so a few bytes never stand for megabytes of notes again and again.
     */
    public static final int MAX_KEPT = 1 << 16;

    private long lastSequence;
    private final Map<Long, Declared> declared = new RecentVersions();

    /** The window and query a Partial's header names. */
    public static final class Window {
        private final String query;
        private final long start;
        private final long end;

        Window(String query, long start, long end) {
            this.query = query;
            this.start = start;
            this.end = end;
        }

        public String query() {
            return query;
        }

        /** Microseconds since the Unix epoch. */
        public long start() {
            return start;
        }

        /** Exclusive. */
        public long end() {
            return end;
        }
    }

    /**
     * The Partial's sequence number. Call first for every Partial, malformed or not: the sequences after it
     * count from it.
     *
     * @param carried the sequence field, 0 when left out
     * @throws IllegalArgumentException when the stream's first Partial leaves it out (nothing to count from),
     *     or the sequence is below zero or would pass the largest
     */
    public long sequence(long carried) {
        if (carried < 0) {
            throw new IllegalArgumentException("a partial's sequence must be above zero, not " + carried);
        }
        if (carried == 0) {
            if (lastSequence == 0) {
                throw new IllegalArgumentException("the first partial of a stream must carry its sequence");
            }
            if (lastSequence == Long.MAX_VALUE) {
                throw new IllegalArgumentException("a partial leaves its sequence out, but no sequence follows "
                        + lastSequence);
            }
            carried = lastSequence + 1;
        }
        lastSequence = carried;
        return carried;
    }

    /**
     * The query and window of a Partial: a declaration (the name set) starts the version's state on this
     * stream afresh, its notes included; otherwise the version must have been declared.
     *
     * @param name the query field, empty when left out
     * @param windowMicros the window_us field (with the name)
     * @param window the window field: the index with the name, else the step past the next window
     * @throws IllegalArgumentException for a version never declared on this stream, or a declaration without
     *     a positive window length or with a window beyond the microsecond clock
     */
    public Window window(long version, String name, long windowMicros, long window) {
        Declared d;
        if (!name.isEmpty()) {
            if (windowMicros <= 0) {
                throw new IllegalArgumentException("partial declaring " + name + " (version " + version
                        + ") has a window length of " + windowMicros + " us");
            }
            d = new Declared(name, windowMicros);
        } else {
            d = declared.get(version);
            if (d == null) {
                throw new IllegalArgumentException("partial of version " + version
                        + " names no query: the version was not declared on this stream");
            }
        }
        long index;
        long start;
        long end;
        try {
            // Checked sums: a step near 2^63 must not wrap around into some other window.
            index = name.isEmpty() ? Math.addExact(Math.addExact(d.lastIndex, 1), window) : window;
            start = Math.multiplyExact(index, d.windowMicros);
            end = Math.addExact(start, d.windowMicros);
        } catch (ArithmeticException e) {
            String which = name.isEmpty() ? d.lastIndex + " + 1 + " + window : Long.toString(window);
            throw new IllegalArgumentException("partial of " + d.name + " (version " + version + ") has window "
                    + which + " of " + d.windowMicros + " us, past the clock", e);
        }
        // Only a window that can be read changes what the stream said.
        if (!name.isEmpty()) {
            declared.put(version, d);
        }
        d.lastIndex = index;
        return new Window(d.name, start, end);
    }

    /**
     * The notes of a Partial of a version {@link #window} just took.
     *
     * @param unchanged the notes_unchanged field
     * @param carried the notes field: whole notes, or with {@code kept} what changed in each
     * @param kept the notes_kept field: empty, or per note the code points kept from the start and from the end
     *     of the previous note at its position
     * @throws IllegalArgumentException when notes_unchanged comes with notes or with no earlier Partial of the
     *     version on this stream, or an edit has no previous note or keeps more than it has
     */
    public List<String> notes(long version, boolean unchanged, List<String> carried, List<Integer> kept) {
        Declared d = declared.get(version);
        if (d == null) {
            throw new IllegalArgumentException("notes of version " + version + ", which was not declared on this stream");
        }
        if (unchanged) {
            if (!carried.isEmpty() || !kept.isEmpty()) {
                throw new IllegalArgumentException("partial of " + d.name + " (version " + version
                        + ") has notes and says they are unchanged");
            }
            if (d.notes == null) {
                throw new IllegalArgumentException("partial of " + d.name + " (version " + version
                        + ") says its notes are unchanged, but it is the version's first on this stream");
            }
            return d.notes;
        }
        if (kept.isEmpty()) {
            d.notes = List.copyOf(carried);
            return d.notes;
        }
        if (kept.size() != 2 * carried.size()) {
            throw new IllegalArgumentException("partial of " + d.name + " (version " + version + ") has "
                    + carried.size() + " notes and " + kept.size() + " kept lengths, not two per note");
        }
        long keptInAll = 0;
        for (int k : kept) {
            keptInAll += Integer.toUnsignedLong(k);
        }
        if (keptInAll > MAX_KEPT) {
            throw new IllegalArgumentException("notes of " + d.name + " (version " + version + ") keep " + keptInAll
                    + " characters of the previous ones, more than " + MAX_KEPT);
        }
        List<String> previous = d.notes == null ? List.of() : d.notes;
        List<String> notes = new ArrayList<>(carried.size());
        for (int i = 0; i < carried.size(); i++) {
            notes.add(edited(d, version, i, i < previous.size() ? previous.get(i) : null, carried.get(i),
                    kept.get(2 * i), kept.get(2 * i + 1)));
        }
        d.notes = List.copyOf(notes);
        return d.notes;
    }

    /** One note: the previous one's first and last code points kept around what changed. */
    private static String edited(Declared d, long version, int i, String previous, String middle, int head, int tail) {
        if (head == 0 && tail == 0) {
            return middle;
        }
        String where = "note " + i + " of " + d.name + " (version " + version + ")";
        if (previous == null) {
            throw new IllegalArgumentException(where + " keeps characters of a previous note it does not have");
        }
        int points = previous.codePointCount(0, previous.length());
        if (head < 0 || tail < 0 || (long) head + tail > points) {
            throw new IllegalArgumentException(where + " keeps " + head + " and " + tail + " of the previous note's "
                    + points + " characters");
        }
        return previous.substring(0, previous.offsetByCodePoints(0, head)) + middle
                + previous.substring(previous.offsetByCodePoints(previous.length(), -tail));
    }

    /** The declared versions, the least recently used first, past {@link #REMEMBERED_VERSIONS} forgotten. */
    private static final class RecentVersions extends LinkedHashMap<Long, Declared> {
        private static final long serialVersionUID = 1L;

        RecentVersions() {
            super(16, 0.75f, true);
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Declared> eldest) {
            return size() > REMEMBERED_VERSIONS;
        }
    }

    /** What a declaration said about one query version, and the last window and notes of it. */
    private static final class Declared {
        final String name;
        final long windowMicros;
        long lastIndex;
        List<String> notes;

        Declared(String name, long windowMicros) {
            this.name = name;
            this.windowMicros = windowMicros;
        }
    }
}
