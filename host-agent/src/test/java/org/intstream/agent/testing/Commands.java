package org.intstream.agent.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs the system commands the namespace tests need (ip, sysctl, ethtool…), each bounded in time. */
public final class Commands {
    private Commands() {
    }

    /** Runs a command and returns its output; a non-zero exit is an IOException quoting the output. */
    public static String run(int timeoutSeconds, String... command) throws IOException {
        Path out = Files.createTempFile("intstream-cmd-", ".out");
        try {
            int status = runInto(out, timeoutSeconds, command);
            String output = Files.readString(out, StandardCharsets.UTF_8);
            if (status != 0) {
                throw new IOException(String.join(" ", command) + " exited " + status + ": " + output.strip());
            }
            return output;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Runs a command and returns its exit status. */
    public static int runStatus(int timeoutSeconds, String... command) throws IOException {
        Path out = Files.createTempFile("intstream-cmd-", ".out");
        try {
            return runInto(out, timeoutSeconds, command);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** A command run inside a network namespace ({@code ip netns exec NS …}). */
    public static String[] inNamespace(String ns, String... command) {
        String[] full = new String[command.length + 4];
        full[0] = "ip";
        full[1] = "netns";
        full[2] = "exec";
        full[3] = ns;
        System.arraycopy(command, 0, full, 4, command.length);
        return full;
    }

    private static int runInto(Path out, int timeoutSeconds, String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        return process.exitValue();
    }
}
