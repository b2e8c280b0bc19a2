package org.intstream.onos.pipeconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.intstream.query.switchgen.IntStreamP4;
import org.junit.jupiter.api.Test;

/**
 * {@link P4InfoConstants} is what the committed P4Info (as the bundle ships it) generates. After a change to
 * the program, rewrite it with {@code mvn -o -pl onos-app test -Dtest=P4InfoConstantsTest
 * -Dconstants.update=true} and review the diff.
 */
class P4InfoConstantsTest {
    private static final Path SOURCE = Path.of("src", "main", "java", "org", "intstream", "onos", "pipeconf",
            "P4InfoConstants.java");

    @Test
    void constantsAreGeneratedFromTheCommittedP4Info() throws IOException {
        String generated = P4InfoConstantsGenerator.generate(PipeconfLoader.pipelineModel());
        if (Boolean.getBoolean("constants.update")) {
            Files.writeString(SOURCE, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(SOURCE, StandardCharsets.UTF_8))
                .as(SOURCE + " differs from the P4Info; if the program changed, rewrite it with -Dconstants.update=true")
                .isEqualTo(generated);
    }

    @Test
    void constantNamesFollowTheP4Names() {
        assertThat(P4InfoConstantsGenerator.constantName("IntStreamIngress.slot0.filter"))
                .isEqualTo("INT_STREAM_INGRESS_SLOT0_FILTER");
        assertThat(P4InfoConstantsGenerator.constantName("_pad")).isEqualTo("PAD");
        assertThat(P4InfoConstantsGenerator.constantName("NoAction")).isEqualTo("NO_ACTION");
    }

    @Test
    void theQueryCompilersNamesAreTheP4Infos() {
        // The slot programs come from query-compiler by name; the same names must be constants here.
        assertThat(P4InfoConstants.INT_STREAM_INGRESS_SLOT3_FILTER.id()).isEqualTo(IntStreamP4.slotFilter(3));
        assertThat(P4InfoConstants.INT_STREAM_INGRESS_SLOT3_CONFIGURE.id()).isEqualTo(IntStreamP4.slotConfigure(3));
        assertThat(P4InfoConstants.INT_STREAM_INGRESS_SLOT3_SKETCH_COUNTER.id())
                .isEqualTo(IntStreamP4.slotSketchCounter(3));
        assertThat(P4InfoConstants.INT_STREAM_INGRESS_ACL_ACL.id()).isEqualTo(IntStreamP4.ACL_TABLE);
        assertThat(P4InfoConstants.INT_STREAM_INGRESS_CLOCK_CLOCK.id()).isEqualTo(IntStreamP4.CLOCK_TABLE);
        assertThat(P4InfoConstants.INT_STREAM_EGRESS_REPORT_REPORT_COUNTER.id()).isEqualTo(IntStreamP4.REPORT_COUNTER);
    }
}
