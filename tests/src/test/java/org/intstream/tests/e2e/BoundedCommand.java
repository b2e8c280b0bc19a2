package org.intstream.tests.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** External commands for the end-to-end test, each bounded in time; a failure names the command and its output. */
final class BoundedCommand {
    private BoundedCommand() {
    }

    /** Runs a command to its end within {@code seconds}; its exit status and combined output. */
    static Result run(int seconds, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("e2e-cmd", ".txt");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + ": still running after " + seconds + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Runs a command that must succeed. */
    static String check(int seconds, String... command) throws IOException, InterruptedException {
        Result r = run(seconds, command);
        if (r.status() != 0) {
            throw new AssertionError(String.join(" ", command) + ": exit " + r.status() + "\n" + r.output());
        }
        return r.output();
    }

    /** Runs a command whose failure does not matter (cleanup of what may not exist). */
    static void quietly(String... command) {
        try {
            run(10, command);
        } catch (IOException | InterruptedException | AssertionError e) {
            // Nothing to clean up, or cleanup that will be retried before the next run.
        }
    }

    /** Whether an executable of this name is on the PATH. */
    static boolean onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }

    static List<String> missing(String... names) {
        return java.util.Arrays.stream(names).filter(n -> !onPath(n)).toList();
    }

    record Result(int status, String output) {
    }
}
