package org.intstream.agent.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.ArrayList;
import org.intstream.proto.agent.Install;
import org.intstream.proto.agent.Partial;
import org.intstream.proto.agent.Row;
import org.intstream.proto.agent.SubtreeCoverage;
import org.intstream.proto.agent.Value;
import org.junit.jupiter.api.Test;

/** The streamer against a fake controller on loopback. */
class AgentStreamerTest {
    private static final long S = 1_000_000L;
    private final List<String> log = new CopyOnWriteArrayList<>();

    private static Install tcpNewConn() throws IOException {
        return Install.newBuilder().setQuery("tcp_new_conn").setQueryVersion(9)
                .setDsl(Files.readString(Path.of("..", "queries", "tcp_new_conn.isq"))).putParameters("threshold", "1")
                .build();
    }

    private AgentStreamer streamer(FakeController c, String token) {
        return AgentStreamer.start(new StreamerConfig("127.0.0.1", c.port(), "h1", token, "h1/eth0", Long.MIN_VALUE,
                20, 200), () -> 0, log::add);
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    /** Three windows of SYNs to one destination, one packet each, then the end of input. */
    private static void threeWindows(AgentStreamer s) {
        s.onFrame(SynFrames.syn(1 * S, "10.0.0.5", "10.0.0.1", 80));
        s.onFrame(SynFrames.syn(6 * S, "10.0.0.5", "10.0.0.1", 80));
        s.onFrame(SynFrames.syn(11 * S, "10.0.0.5", "10.0.0.1", 80));
        s.finish();
    }

    @Test
    void partialsAreNumberedSentAndForgottenOnceAcknowledged() throws Exception {
        try (FakeController c = new FakeController("t0k", tcpNewConn()); AgentStreamer s = streamer(c, "t0k")) {
            assertThat(s.awaitReady(10_000)).isTrue();
            assertThat(s.installed()).containsEntry("tcp_new_conn", 9L);
            threeWindows(s);
            assertThat(s.awaitAllAcked(10_000)).isTrue();
            assertThat(c.received()).extracting(Partial::getSequence).containsExactly(1L, 2L, 3L);
            assertThat(c.received()).extracting(Partial::getWindow).containsExactly(0L, 1L, 2L);
            assertThat(c.received()).allSatisfy(p -> assertThat(p.getQueryVersion()).isEqualTo(9));
            assertThat(c.received()).allSatisfy(p -> assertThat(p.getQuery()).isEqualTo("tcp_new_conn"));
            assertThat(c.received()).allSatisfy(p -> assertThat(p.getWindowUs()).isEqualTo(5 * S));
            // On the wire only the first says its sequence, the query's name and window; the others follow on.
            Partial first = c.arrived().get(0);
            assertThat(first.getSequence()).isEqualTo(1);
            assertThat(first.getQuery()).isEqualTo("tcp_new_conn");
            assertThat(first.getWindowUs()).isEqualTo(5 * S);
            assertThat(c.arrived().subList(1, 3)).allSatisfy(p -> {
                assertThat(p.getSequence()).isZero();
                assertThat(p.getQuery()).isEmpty();
                assertThat(p.getWindowUs()).isZero();
                assertThat(p.getWindow()).isZero();
                assertThat(p.getQueryVersion()).isEqualTo(9);
            });
            assertThat(c.hellos()).containsExactly("h1@h1/eth0");
            assertThat(s.unacknowledged()).isZero();
        }
    }

    @Test
    void afterALostConnectionTheUnacknowledgedPartialsAreSentAgain() throws Exception {
        try (FakeController c = new FakeController("", tcpNewConn()); AgentStreamer s = streamer(c, "")) {
            assertThat(s.awaitInstalled(1, 10_000)).isTrue();
            c.holdAcks = true;
            s.onFrame(SynFrames.syn(1 * S, "10.0.0.5", "10.0.0.1", 80));
            s.onFrame(SynFrames.syn(6 * S, "10.0.0.5", "10.0.0.1", 80));
            await("the first window's partial", () -> c.received().size() == 1);
            c.ackAll();
            await("the acknowledgement", () -> s.unacknowledged() == 0);
            s.onFrame(SynFrames.syn(11 * S, "10.0.0.5", "10.0.0.1", 80));
            s.finish();
            await("the last two partials", () -> c.received().size() == 3);
            c.drop();
            await("a reconnection", () -> c.hellos().size() == 2);
            await("the resend", () -> c.received().size() == 5);
            assertThat(c.received()).extracting(Partial::getSequence).containsExactly(1L, 2L, 3L, 2L, 3L);
            assertThat(c.received().get(3)).as("resent unchanged").isEqualTo(c.received().get(1));
            assertThat(c.arrived().get(3)).as("the new stream's first partial says everything again")
                    .isEqualTo(c.received().get(3));
            assertThat(c.arrived().get(4).getSequence()).isZero();
            c.ackAll();
            assertThat(s.awaitAllAcked(10_000)).isTrue();
            assertThat(s.partialsCut()).isEqualTo(3);
            assertThat(s.connections()).isEqualTo(2);
            assertThat(log).anyMatch(l -> l.contains("connection to the controller lost: UNAVAILABLE"));
        }
    }

    @Test
    void onReconnectingTheControllersInstallsReplaceTheStages() throws Exception {
        try (FakeController c = new FakeController("", tcpNewConn()); AgentStreamer s = streamer(c, "")) {
            assertThat(s.awaitReady(10_000)).isTrue();
            // The controller restarted: it runs ddos now, and a tcp_new_conn of the same version but other text.
            c.install = Install.newBuilder().setQuery("ddos").setQueryVersion(1)
                    .setDsl(Files.readString(Path.of("..", "queries", "ddos.isq"))).build();
            c.drop();
            await("the stages of the new connection", () -> s.installed().equals(java.util.Map.of("ddos", 1L)));
            assertThat(log).anyMatch(l -> l.equals("dropped the local stage of tcp_new_conn: the controller no "
                    + "longer runs it"));
            c.install = tcpNewConn().toBuilder().putParameters("threshold", "2").build();
            c.drop();
            await("the changed parameters", () -> s.installed().equals(java.util.Map.of("tcp_new_conn", 9L)));
            assertThat(log).filteredOn(l -> l.startsWith("running the local stage of tcp_new_conn")).hasSize(2);
        }
    }

    /** Window {@code index} of tcp_new_conn (version 9) with {@code count} rows of two integers, packed in columns. */
    private static Partial.Builder window(long index, int count) {
        List<Object[]> rows = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            rows.add(new Object[] {1_000_000 + i, i * 7});
        }
        return PartialRows.set(Partial.newBuilder().setQuery("tcp_new_conn").setQueryVersion(9).setWindowUs(5 * S)
                .setWindow(index).setPackets(count), rows);
    }

    @Test
    void aPartialLargerThanUpstreamTakesGoesWithoutItsRowsAndTheNextOnesFollow() throws Exception {
        int limit = 8 * 1024;
        try (FakeController c = new FakeController("", tcpNewConn(), limit);
                AgentStreamer s = AgentStreamer.start(new StreamerConfig("127.0.0.1", c.port(), "h1", "", "h1/eth0",
                        Long.MIN_VALUE, 20, 200).withMaxMessageBytes(limit), () -> 0, log::add)) {
            assertThat(s.awaitReady(10_000)).isTrue();
            Row.Builder wide = Row.newBuilder();
            for (int i = 0; i < 3000; i++) {
                wide.addValues(Value.newBuilder().setIntValue(i));
            }
            s.sendUp(window(100, 10));
            s.sendUp(window(101, 4000));                                    // its row_columns are too large
            s.sendUp(window(102, 10));
            s.sendUp(window(103, 0).addRows(wide).addRows(wide).setCoverage(SubtreeCoverage.newBuilder()
                    .addCompletePoints("h1").addCompletePoints("h2").addExpectedPoints("h1")
                    .addExpectedPoints("h2")));                                // a tree parent's, in Rows
            s.sendUp(window(104, 10).addNotes("x".repeat(3 * limit)));       // its notes alone are too large
            s.sendUp(window(105, 10));

            assertThat(s.awaitAllAcked(10_000)).as("every partial taken: none fails the stream").isTrue();
            List<Partial> got = c.received();
            assertThat(got).extracting(Partial::getSequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            assertThat(c.hellos()).as("no reconnection").hasSize(1);
            for (int i : new int[] {0, 2, 5}) {
                assertThat(got.get(i).getIncomplete()).isFalse();
                assertThat(got.get(i).getNotesList()).isEmpty();
                assertThat(PartialRows.of(got.get(i))).hasSize(10);
            }
            for (int i : new int[] {1, 3, 4}) {
                Partial cut = got.get(i);
                assertThat(cut.getRowsCount()).isZero();
                assertThat(cut.getRowColumns().isEmpty()).isTrue();
                assertThat(cut.getIncomplete()).isTrue();
                assertThat(cut.getPackets()).as("the window's counts stay").isEqualTo(i == 3 ? 0 : i == 1 ? 4000 : 10);
                assertThat(cut.getNotesList()).singleElement().asString()
                        .matches("h1: the window's partial \\(\\d+ bytes\\) is larger than the largest message "
                                + "upstream takes \\(8192 bytes\\): sent without its rows");
            }
            int size = Integer.parseInt(got.get(1).getNotes(0).replaceAll("^[^(]*\\((\\d+) bytes.*$", "$1"));
            assertThat(size).isEqualTo(window(101, 4000).setSequence(2).build().getSerializedSize());
            assertThat(got.get(3).getCoverage().getCompletePointsList()).as("no point's window is in the rows")
                    .isEmpty();
            assertThat(got.get(3).getCoverage().getExpectedPointsList()).containsExactly("h1", "h2");
            assertThat(log.stream().filter(l -> l.contains("sent without its rows")).collect(Collectors.toList()))
                    .as("logged once for the query").hasSize(1)
                    .first().asString().startsWith("tcp_new_conn: window 101's partial is ");
        }
    }

    @Test
    void aLargestMessageWithoutRoomForAPartialIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new StreamerConfig("127.0.0.1", 7000, "h1", "",
                "h1/eth0", Long.MIN_VALUE, 20, 200).withMaxMessageBytes(1024))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the largest message upstream takes must be more than 1024 bytes, got 1024");
    }

    @Test
    void aRefusedTokenEndsTheStreamer() throws Exception {
        try (FakeController c = new FakeController("right", tcpNewConn()); AgentStreamer s = streamer(c, "wrong")) {
            await("the refusal", () -> s.failure() != null);
            assertThat(s.failure()).isEqualTo("the controller refused this agent: wrong token");
            assertThat(s.awaitInstalled(1, 100)).isFalse();
            assertThat(s.awaitReady(100)).isFalse();
            Thread.sleep(300);
            assertThat(c.hellos()).as("no retry with a refused token").hasSize(1);
        }
    }
}
