package org.intstream.engine.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PartialHeaderDecoderTest {
    private static final long FIVE_S = 5_000_000L;

    @Test
    void sequencesLeftOutCountOnFromTheLastCarried() {
        PartialHeaderDecoder d = new PartialHeaderDecoder();

        assertThat(d.sequence(7)).isEqualTo(7);
        assertThat(d.sequence(0)).isEqualTo(8);
        assertThat(d.sequence(12)).as("after acknowledged ones were skipped").isEqualTo(12);
        assertThat(d.sequence(0)).isEqualTo(13);
    }

    @Test
    void aStreamsFirstPartialMustCarryItsSequence() {
        assertThatThrownBy(() -> new PartialHeaderDecoder().sequence(0))
                .hasMessageContaining("first partial of a stream must carry its sequence");
    }

    @Test
    void windowsAfterTheDeclarationAreStepsPastTheNextOne() {
        PartialHeaderDecoder d = new PartialHeaderDecoder();

        PartialHeaderDecoder.Window first = d.window(3, "ddos", FIVE_S, 359_076_316L);
        PartialHeaderDecoder.Window next = d.window(3, "", 0, 0);
        PartialHeaderDecoder.Window skipped = d.window(3, "", 0, 2);
        PartialHeaderDecoder.Window back = d.window(3, "", 0, -5);

        assertThat(first.query()).isEqualTo("ddos");
        assertThat(first.start()).isEqualTo(359_076_316L * FIVE_S);
        assertThat(first.end()).isEqualTo(359_076_317L * FIVE_S);
        assertThat(next.query()).isEqualTo("ddos");
        assertThat(next.start()).isEqualTo(359_076_317L * FIVE_S);
        assertThat(skipped.start()).isEqualTo(359_076_320L * FIVE_S);
        assertThat(back.start()).as("a resent earlier window").isEqualTo(359_076_316L * FIVE_S);
    }

    @Test
    void versionsKeepTheirOwnWindowsAndADeclarationStartsAfresh() {
        PartialHeaderDecoder d = new PartialHeaderDecoder();
        d.window(3, "ddos", FIVE_S, 100);
        d.window(4, "syn_flood", 2 * FIVE_S, 50);

        assertThat(d.window(3, "", 0, 0).start()).isEqualTo(101 * FIVE_S);
        assertThat(d.window(4, "", 0, 0).start()).isEqualTo(51 * 2 * FIVE_S);
        PartialHeaderDecoder.Window again = d.window(3, "tcp_rtt", 2 * FIVE_S, 7);
        assertThat(again.query()).isEqualTo("tcp_rtt");
        assertThat(d.window(3, "", 0, 0).start()).isEqualTo(8 * 2 * FIVE_S);
    }

    @Test
    void aVersionNeverDeclaredOnTheStreamIsRefused() {
        assertThatThrownBy(() -> new PartialHeaderDecoder().window(9, "", 0, 0))
                .hasMessageContaining("version 9 names no query");
        assertThatThrownBy(() -> new PartialHeaderDecoder().window(9, "ddos", 0, 0))
                .hasMessageContaining("window length of 0 us");
        assertThatThrownBy(() -> new PartialHeaderDecoder().window(9, "ddos", FIVE_S, Long.MAX_VALUE / 2))
                .hasMessageContaining("past the clock");
    }

    @Test
    void unchangedNotesAreThePreviousOnesOfTheVersion() {
        PartialHeaderDecoder d = new PartialHeaderDecoder();
        d.window(3, "heavy_hitter", FIVE_S, 1);
        assertThat(d.notes(3, false, List.of("count-min bound"), List.of())).containsExactly("count-min bound");
        d.window(3, "", 0, 0);
        assertThat(d.notes(3, true, List.of(), List.of())).containsExactly("count-min bound");
        d.window(3, "", 0, 0);
        assertThat(d.notes(3, false, List.of(), List.of())).as("none is none, not unchanged").isEmpty();
        d.window(3, "", 0, 0);
        assertThat(d.notes(3, true, List.of(), List.of())).isEmpty();
    }

    @Test
    void editedNotesKeepThePreviousNotesEndsAroundWhatChanged() {
        PartialHeaderDecoder d = new PartialHeaderDecoder();
        d.window(3, "heavy_hitter", FIVE_S, 1);
        d.notes(3, false, List.of("at most 790 with", "Bloom: 1e-5"), List.of());
        d.window(3, "", 0, 0);

        assertThat(d.notes(3, false, List.of("12", "4", "a third"), List.of(9, 5, 10, 0, 0, 0)))
                .containsExactly("at most 712 with", "Bloom: 1e-4", "a third");
        d.window(3, "", 0, 0);
        assertThat(d.notes(3, false, List.of("\uD83D\uDE00"), List.of(2, 1)))
                .as("characters are code points").containsExactly("at\uD83D\uDE00h");
    }

    @Test
    void editsThatKeepWhatThePreviousNotesDoNotHaveAreRefused() {
        PartialHeaderDecoder d = new PartialHeaderDecoder();
        d.window(3, "heavy_hitter", FIVE_S, 1);
        d.notes(3, false, List.of("abc"), List.of());
        assertThatThrownBy(() -> d.notes(3, false, List.of("x"), List.of(2, 2)))
                .hasMessageContaining("keeps 2 and 2 of the previous note's 3 characters");
        assertThatThrownBy(() -> d.notes(3, false, List.of("x", "y"), List.of(1, 0, 1, 0)))
                .hasMessageContaining("note 1 of heavy_hitter (version 3) keeps characters of a previous note it does not have");
        assertThatThrownBy(() -> d.notes(3, false, List.of("x"), List.of(1)))
                .hasMessageContaining("1 notes and 1 kept lengths");
    }

    @Test
    void unchangedNotesNeedAnEarlierPartialOfTheVersionAndNoNotes() {
        PartialHeaderDecoder d = new PartialHeaderDecoder();
        d.window(3, "heavy_hitter", FIVE_S, 1);
        assertThatThrownBy(() -> d.notes(3, true, List.of(), List.of()))
                .hasMessageContaining("the version's first on this stream");
        d.notes(3, false, List.of("a"), List.of());
        assertThatThrownBy(() -> d.notes(3, true, List.of("b"), List.of())).hasMessageContaining("has notes and says they are unchanged");
        d.window(3, "heavy_hitter", FIVE_S, 5);
        assertThatThrownBy(() -> d.notes(3, true, List.of(), List.of()))
                .as("a declaration forgets the notes").hasMessageContaining("first on this stream");
    }

    @Test
    void aStreamRemembersItsMostRecentlyUsedVersionsOnly() {
        PartialHeaderDecoder d = new PartialHeaderDecoder();
        d.window(1, "ddos", FIVE_S, 100);
        for (long v = 2; v <= PartialHeaderDecoder.REMEMBERED_VERSIONS; v++) {
            d.window(v, "q" + v, FIVE_S, 1);
        }
        d.window(1, "", 0, 0);
        // One more version: the least recently used (2, not 1) is forgotten, as the sender forgets it.
        d.window(1000, "new", FIVE_S, 1);

        assertThat(d.window(1, "", 0, 0).start()).isEqualTo(102 * FIVE_S);
        assertThatThrownBy(() -> d.window(2, "", 0, 0)).hasMessageContaining("version 2 names no query");
    }

    @Test
    void editsMayKeepOnlySoMuchOfThePreviousNotes() {
        PartialHeaderDecoder d = new PartialHeaderDecoder();
        d.window(3, "heavy_hitter", FIVE_S, 1);
        String big = "x".repeat(PartialHeaderDecoder.MAX_KEPT / 2 + 1);
        d.notes(3, false, List.of(big, big), List.of());
        d.window(3, "", 0, 0);
        assertThat(d.notes(3, false, List.of("y", ""), List.of(big.length() - 2, 0, big.length(), 0)))
                .as("as much as may be kept").containsExactly(big.substring(2) + "y", big);

        // A few bytes that would make the previous notes again, and again: refused.
        d.window(3, "", 0, 0);
        assertThatThrownBy(() -> d.notes(3, false, List.of("", ""), List.of(big.length() - 1, 0, big.length(), 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("notes of heavy_hitter (version 3) keep " + (2 * big.length() - 1)
                        + " characters of the previous ones, more than " + PartialHeaderDecoder.MAX_KEPT);
    }

    @Test
    void sequencesAreNumbersAboveZeroThatDoNotWrapAround() {
        assertThatThrownBy(() -> new PartialHeaderDecoder().sequence(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a partial's sequence must be above zero, not -1");
        PartialHeaderDecoder d = new PartialHeaderDecoder();
        d.sequence(Long.MAX_VALUE);
        assertThatThrownBy(() -> d.sequence(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no sequence follows " + Long.MAX_VALUE);
    }

    @Test
    void aStepThatWouldWrapTheWindowIndexAroundIsRefused() {
        PartialHeaderDecoder d = new PartialHeaderDecoder();
        d.window(3, "ddos", 1, 10);
        // 10 + 1 + (2^63 - 11) wraps to the smallest long, which times one microsecond reads as a window.
        assertThatThrownBy(() -> d.window(3, "", 0, Long.MAX_VALUE - 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("past the clock");
        assertThat(d.window(3, "", 0, 0).start()).as("the stream's windows go on from the last one read").isEqualTo(11);
    }
}
