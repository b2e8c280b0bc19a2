package org.intstream.standalone.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's own scripts without a browser ({@code web/test/*.test.mjs}: the result chart's series, the
 * submit form's checks), run by node's test runner. Skipped, saying why, without node.
 */
class DashboardScriptsTest {
    private static final Path WEB = Path.of("..", "web").toAbsolutePath().normalize();

    @Test
    void nodeTestsPass() throws Exception {
        Path node = null;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "node"))) {
                node = Path.of(dir, "node");
                break;
            }
        }
        assumeTrue(node != null, "skipped: no node on the PATH");
        List<String> command = new ArrayList<>(List.of(node.toString(), "--test"));
        try (Stream<Path> files = Files.list(WEB.resolve("test"))) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".test.mjs")).sorted()
                    .forEach(n -> command.add("test/" + n));
        }
        assertThat(command).as("web/test has node tests").hasSizeGreaterThan(2);
        Process p = new ProcessBuilder(command).directory(WEB.toFile()).redirectErrorStream(true).start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("node --test printed:\n" + printed).isZero();
        assertThat(printed).contains("# fail 0");
    }
}
