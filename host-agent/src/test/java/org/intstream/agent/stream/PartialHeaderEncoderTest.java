package org.intstream.agent.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.intstream.proto.agent.Partial;
import org.junit.jupiter.api.Test;

/** A stream's partials with their headers cut read back whole, and what the cut leaves. */
class PartialHeaderEncoderTest {
    private static final long S = 1_000_000L;
    private static final List<String> BOUNDS = List.of("count-min: estimates at most 12 over", "bloom: 1% false");

    private static Partial whole(long sequence, String query, long version, long windowMicros, long index,
            List<String> notes) {
        return Partial.newBuilder().setSequence(sequence).setQuery(query).setQueryVersion(version)
                .setWindowUs(windowMicros).setWindow(index).setPackets(320).setBytes(96_000).addAllNotes(notes).build();
    }

    private static List<Partial> roundTrip(List<Partial> sent, List<Partial> wire) {
        PartialHeaderEncoder encoder = new PartialHeaderEncoder();
        PartialHeaderReader reader = new PartialHeaderReader();
        List<Partial> back = new ArrayList<>();
        for (Partial p : sent) {
            Partial w = encoder.encode(p);
            wire.add(w);
            back.add(reader.whole(w, reader.sequence(w)));
        }
        return back;
    }

    @Test
    void interleavedVersionsGapsAndChangingNotesReadBackWhole() {
        List<Partial> sent = List.of(
                whole(4, "heavy_hitter", 7, 5 * S, 359_076_316L, BOUNDS),
                whole(5, "ddos", 8, 10 * S, 179_538_158L, List.of()),
                whole(6, "heavy_hitter", 7, 5 * S, 359_076_317L, BOUNDS),
                whole(9, "heavy_hitter", 7, 5 * S, 359_076_320L, List.of()),
                whole(10, "ddos", 8, 10 * S, 179_538_159L, List.of()),
                whole(11, "heavy_hitter", 7, 5 * S, 359_076_321L, BOUNDS),
                whole(12, "heavy_hitter", 7, 5 * S, 359_076_322L, BOUNDS),
                // The version names another query now (a controller restarted without its store).
                whole(13, "port_scan", 7, 10 * S, 179_538_161L, BOUNDS));
        List<Partial> wire = new ArrayList<>();

        assertThat(roundTrip(sent, wire)).isEqualTo(sent);
        assertThat(wire.get(0)).as("the stream's first says everything").isEqualTo(sent.get(0));
        assertThat(wire.get(1).getSequence()).isZero();
        assertThat(wire.get(1).getQuery()).as("a version's first on the stream is declared").isEqualTo("ddos");
        assertThat(wire.get(2).getQuery()).isEmpty();
        assertThat(wire.get(2).getWindow()).isZero();
        assertThat(wire.get(2).getNotesList()).isEmpty();
        assertThat(wire.get(2).getNotesUnchanged()).isTrue();
        assertThat(wire.get(3).getSequence()).as("after a gap").isEqualTo(9);
        assertThat(wire.get(3).getWindow()).isEqualTo(2);
        assertThat(wire.get(3).getNotesUnchanged()).as("no notes is said by none").isFalse();
        assertThat(wire.get(5).getNotesList()).as("changed back: sent again").isEqualTo(BOUNDS);
        assertThat(wire.get(6).getNotesUnchanged()).isTrue();
        assertThat(wire.get(7).getQuery()).isEqualTo("port_scan");
        assertThat(wire.get(7).getNotesList()).as("a declaration carries its notes").isEqualTo(BOUNDS);
    }

    @Test
    void notesThatChangeInANumberGoAsWhatChanged() {
        List<String> before = List.of("count-min 3x4096: estimates never under-count; over-count at most 790 with "
                + "confidence 0.950", "Bloom filter 65536 bits x 3 hashes: missed with probability at most 1.25e-05");
        List<String> after = List.of("count-min 3x4096: estimates never under-count; over-count at most 812 with "
                + "confidence 0.950", "Bloom filter 65536 bits x 3 hashes: missed with probability at most 1.31e-05",
                "a new note");
        List<String> unrelated = List.of("x", "y");
        List<Partial> sent = List.of(whole(1, "heavy_hitter", 7, 10 * S, 5, before),
                whole(2, "heavy_hitter", 7, 10 * S, 6, after), whole(3, "heavy_hitter", 7, 10 * S, 7, unrelated));
        List<Partial> wire = new ArrayList<>();

        assertThat(roundTrip(sent, wire)).isEqualTo(sent);
        assertThat(wire.get(1).getNotesList()).containsExactly("812", "31", "a new note");
        assertThat(wire.get(1).getNotesKeptList()).containsExactly(66, 22, 70, 4, 0, 0);
        assertThat(wire.get(2).getNotesList()).as("too little kept to be worth its lengths").isEqualTo(unrelated);
        assertThat(wire.get(2).getNotesKeptList()).isEmpty();
    }

    @Test
    void theCommonPartialIsItsVersionAndCounts() {
        List<Partial> wire = new ArrayList<>();
        roundTrip(List.of(whole(1, "heavy_hitter", 7, 5 * S, 359_076_316L, BOUNDS),
                whole(2, "heavy_hitter", 7, 5 * S, 359_076_317L, BOUNDS)), wire);

        assertThat(wire.get(1)).isEqualTo(Partial.newBuilder().setQueryVersion(7).setPackets(320).setBytes(96_000)
                .setNotesUnchanged(true).build());
        assertThat(wire.get(1).getSerializedSize()).isEqualTo(12);
    }

    @Test
    void aPartialWithoutItsWholeHeaderIsNotSent() {
        assertThatThrownBy(() -> new PartialHeaderEncoder().encode(Partial.newBuilder().setSequence(1)
                .setQueryVersion(2).setWindowUs(5 * S).build())).hasMessageContaining("query name");
    }

    @Test
    void aVersionTheStreamNeverDeclaredCantBeRead() {
        PartialHeaderReader reader = new PartialHeaderReader();
        Partial orphan = Partial.newBuilder().setSequence(3).setQueryVersion(2).build();
        long sequence = reader.sequence(orphan);

        assertThat(sequence).isEqualTo(3);
        assertThatThrownBy(() -> reader.whole(orphan, sequence)).hasMessageContaining("not declared on this stream");
    }

    @Test
    void aVersionForgottenAfterManyOthersIsDeclaredAgain() {
        int many = org.intstream.engine.wire.PartialHeaderDecoder.REMEMBERED_VERSIONS;
        List<Partial> sent = new ArrayList<>();
        long sequence = 1;
        sent.add(whole(sequence++, "ddos", 1, 5 * S, 100, List.of()));
        for (long v = 2; v <= many + 1; v++) {
            sent.add(whole(sequence++, "q" + v, v, 5 * S, 1, List.of()));
        }
        sent.add(whole(sequence++, "ddos", 1, 5 * S, 101, List.of()));
        sent.add(whole(sequence++, "q" + (many + 1), many + 1, 5 * S, 2, List.of()));
        List<Partial> wire = new ArrayList<>();

        assertThat(roundTrip(sent, wire)).isEqualTo(sent);
        assertThat(wire.get(many + 1).getQuery()).as("forgotten: declared again").isEqualTo("ddos");
        assertThat(wire.get(many + 2).getQuery()).as("remembered").isEmpty();
    }

    @Test
    void notesThatWouldKeepTooMuchGoWhole() {
        String big = "count-min: " + "x".repeat(org.intstream.engine.wire.PartialHeaderDecoder.MAX_KEPT);
        List<Partial> sent = List.of(whole(1, "heavy_hitter", 7, 10 * S, 5, List.of(big + "1")),
                whole(2, "heavy_hitter", 7, 10 * S, 6, List.of(big + "2")));
        List<Partial> wire = new ArrayList<>();

        assertThat(roundTrip(sent, wire)).isEqualTo(sent);
        assertThat(wire.get(1).getNotesKeptList()).isEmpty();
    }

    @Test
    void manyInterleavedVersionsReconnectsAndResendsReadBackWhole() {
        java.util.Random random = new java.util.Random(20261123);
        long[] lastIndex = new long[150];
        String[] names = new String[150];
        List<Partial> sent = new ArrayList<>();
        long sequence = 1;
        for (int i = 0; i < 20_000; i++) {
            int v = 1 + random.nextInt(random.nextBoolean() ? 8 : 149);
            if (names[v] == null || random.nextInt(500) == 0) {
                // A version first seen, or one that now names another query (a controller restarted without its store).
                names[v] = "q" + v + "_" + random.nextInt(3);
                lastIndex[v] = 359_076_316L + random.nextInt(1000);
            }
            int r = random.nextInt(20);
            lastIndex[v] += r == 0 ? -random.nextInt(5) : r == 1 ? 2 + random.nextInt(4) : 1;
            sequence += random.nextInt(10) == 0 ? 1 + random.nextInt(3) : 1;
            List<String> notes = switch (random.nextInt(4)) {
                case 0 -> List.of();
                case 1 -> BOUNDS;
                default -> List.of("count-min: estimates at most " + random.nextInt(1000) + " over", "bloom: 1% false");
            };
            sent.add(whole(sequence, names[v], v, (v % 3 + 1) * S, lastIndex[v], notes));
        }

        List<Partial> back = new ArrayList<>();
        long wireBytes = 0;
        PartialHeaderEncoder encoder = new PartialHeaderEncoder();
        PartialHeaderReader reader = new PartialHeaderReader();
        for (Partial p : sent) {
            if (random.nextInt(1000) == 0) {
                // A new connection: both ends start with nothing said.
                encoder = new PartialHeaderEncoder();
                reader = new PartialHeaderReader();
            }
            Partial w = encoder.encode(p);
            wireBytes += w.getSerializedSize();
            back.add(reader.whole(w, reader.sequence(w)));
        }

        assertThat(back).isEqualTo(sent);
        long wholeBytes = sent.stream().mapToLong(Partial::getSerializedSize).sum();
        assertThat(wireBytes).as("the cut headers still pay").isLessThan(wholeBytes);
    }
}
