package org.intstream.tests.p4;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.intstream.tests.TraceRun;
import org.junit.jupiter.api.Test;

/**
 * The p4c outputs under {@code p4src/build/} are committed so the project builds without p4c; this test
 * fails when they no longer match the P4 sources, computing the source hash the way {@code p4src/Makefile}
 * does (each source's relative path, a NUL byte and its contents, in path order).
 */
class P4BuildStampTest {
    private static final Path P4SRC = TraceRun.ROOT.resolve("p4src");

    @Test
    void committedOutputsMatchTheSources() throws IOException {
        List<String> stamp = Files.readAllLines(P4SRC.resolve("build/STAMP"));
        String recorded = stamp.stream().filter(l -> l.startsWith("source-sha256: "))
                .map(l -> l.substring("source-sha256: ".length())).findFirst().orElse("(none)");
        assertThat(recorded)
                .as("p4src/build/STAMP is stale: run 'make -C p4src' where p4c is installed and commit p4src/build")
                .isEqualTo(sourceHash());
        assertThat(stamp).anySatisfy(l -> assertThat(l).startsWith("p4c: Version "));
        assertThat(P4SRC.resolve("build/intstream.json")).isNotEmptyFile();
        assertThat(P4SRC.resolve("build/intstream.p4info.txt")).isNotEmptyFile();
    }

    @Test
    void committedP4InfoDescribesEverySlot() throws IOException {
        String p4info = Files.readString(P4SRC.resolve("build/intstream.p4info.txt"));
        for (int slot = 0; slot < 4; slot++) {
            assertThat(p4info).contains("IntStreamIngress.slot" + slot + ".filter\"");
        }
    }

    private static String sourceHash() throws IOException {
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(P4SRC)) {
            sources = walk.filter(p -> p.toString().endsWith(".p4"))
                    .filter(p -> !P4SRC.relativize(p).startsWith("build"))
                    .collect(Collectors.toList());
        }
        List<String> names = sources.stream().map(p -> P4SRC.relativize(p).toString().replace('\\', '/'))
                .sorted().collect(Collectors.toList());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String name : names) {
            all.writeBytes(name.getBytes(StandardCharsets.UTF_8));
            all.write(0);
            all.writeBytes(Files.readAllBytes(P4SRC.resolve(name)));
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(all.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
