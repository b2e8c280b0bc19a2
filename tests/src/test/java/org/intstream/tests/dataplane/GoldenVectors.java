package org.intstream.tests.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.intstream.tests.TraceRun;

/**
 * What a switch did in {@link SwitchScenario}: per phase, the report packet-ins (hex, clock zeroed) and the
 * non-zero counter cells of each slot. Recorded from real BMv2 into
 * {@code tests/src/test/resources/golden/bmv2/switch-scenario.json} (with BMv2's and p4c's versions and the
 * hash of the P4 sources it ran) and checked against on machines without BMv2, so the soft switch is held to
 * what BMv2 itself output, not only to the Java twin.
 */
final class GoldenVectors {
    static final Path FILE = TraceRun.ROOT.resolve("tests/src/test/resources/golden/bmv2/switch-scenario.json");

    /** One phase's observations. */
    static final class Phase {
        public String name;
        public List<String> reports = new ArrayList<>();
        /** slot -> counter index -> [packets, bytes], non-zero cells only. */
        public Map<String, Map<String, long[]>> counters = new TreeMap<>();
    }

    /** The recorded file. */
    static final class Recording {
        public String bmv2;
        public String p4c;
        public String p4srcSha256;
        public String recordedBy = "tests: SwitchStagesOnBmv2Test with -Dgolden.record=true";
        public List<Phase> phases = new ArrayList<>();
    }

    final List<Phase> phases = new ArrayList<>();

    void startPhase(String name) {
        Phase p = new Phase();
        p.name = name;
        phases.add(p);
    }

    void report(byte[] payloadWithClockZeroed) {
        current().reports.add(HexFormat.of().formatHex(payloadWithClockZeroed));
    }

    void counters(int slot, long[] packets, long[] bytes) {
        Map<String, long[]> cells = new LinkedHashMap<>();
        for (int i = 0; i < packets.length; i++) {
            if (packets[i] != 0 || bytes[i] != 0) {
                cells.put(Integer.toString(i), new long[] {packets[i], bytes[i]});
            }
        }
        current().counters.put(Integer.toString(slot), cells);
    }

    private Phase current() {
        return phases.get(phases.size() - 1);
    }

    void record(String bmv2Version) throws IOException {
        Recording r = new Recording();
        r.bmv2 = bmv2Version;
        r.p4c = stamp("p4c: ");
        r.p4srcSha256 = stamp("source-sha256: ");
        r.phases = phases;
        Files.createDirectories(FILE.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(FILE.toFile(), r);
    }

    /** Fails unless these observations equal the recorded ones for the same P4 sources. */
    void check() throws IOException {
        Recording r = new ObjectMapper().readValue(FILE.toFile(), Recording.class);
        assertThat(r.p4srcSha256).as("golden vectors in " + FILE + " were recorded from other P4 sources; re-record "
                + "them where BMv2 is installed: mvn -pl tests test -Dtest=SwitchStagesOnBmv2Test -Dgolden.record=true")
                .isEqualTo(stamp("source-sha256: "));
        assertThat(phases).hasSameSizeAs(r.phases);
        for (int i = 0; i < phases.size(); i++) {
            Phase want = r.phases.get(i);
            Phase have = phases.get(i);
            assertThat(have.name).isEqualTo(want.name);
            assertThat(have.reports).as("reports of phase '%s' against BMv2's", want.name).isEqualTo(want.reports);
            assertThat(have.counters.keySet()).as("slots of phase '%s'", want.name).isEqualTo(want.counters.keySet());
            for (String slot : want.counters.keySet()) {
                Map<String, long[]> w = want.counters.get(slot);
                Map<String, long[]> h = have.counters.get(slot);
                assertThat(h.keySet()).as("non-zero cells of slot %s in phase '%s'", slot, want.name).isEqualTo(w.keySet());
                for (String cell : w.keySet()) {
                    assertThat(h.get(cell)).as("slot %s cell %s in phase '%s' (packets, bytes)", slot, cell, want.name)
                            .isEqualTo(w.get(cell));
                }
            }
        }
    }

    private static String stamp(String prefix) throws IOException {
        for (String line : Files.readAllLines(TraceRun.ROOT.resolve("p4src/build/STAMP"))) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length());
            }
        }
        throw new IOException("p4src/build/STAMP has no '" + prefix + "' line");
    }
}
