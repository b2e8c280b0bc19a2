package org.intstream.agent.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Turns off an interface's GRO, GSO, TSO and LRO with {@code ethtool}, so the host agent counts the packets
 * that are on the wire rather than the kernel's merged or not yet segmented super-frames, and reads that
 * state back.
 */
public final class NicOffloads {
    private static final NicOffloads SYSTEM = new NicOffloads("ethtool");
    private static final long TIMEOUT_SECONDS = 10;

    // Feature names as `ethtool -k` prints them.
    private static final String GRO = "generic-receive-offload";
    private static final String GSO = "generic-segmentation-offload";
    private static final String TSO = "tcp-segmentation-offload";
    private static final String LRO = "large-receive-offload";

    private final String ethtool;

    /** Uses the given ethtool executable (a name looked up on PATH, or a path). */
    NicOffloads(String ethtool) {
        this.ethtool = Objects.requireNonNull(ethtool, "ethtool can't be null");
    }

    /**
     * Turns off GRO, GSO, TSO and LRO on {@code iface} with the ethtool on PATH.
     *
     * @return the state read back afterwards, all off
     * @throws IOException when ethtool is missing, refuses (the message quotes it), or an offload stays on
     */
    public static OffloadState disable(String iface) throws IOException {
        return SYSTEM.disableOffloads(iface);
    }

    /** Reads the offload state of {@code iface} with the ethtool on PATH. */
    public static OffloadState read(String iface) throws IOException {
        return SYSTEM.readOffloads(iface);
    }

    OffloadState disableOffloads(String iface) throws IOException {
        checkName(iface);
        Result result = run(iface, "-K", iface, "gro", "off", "gso", "off", "tso", "off", "lro", "off");
        OffloadState state = readOffloads(iface);
        // A non-zero exit with everything off (a feature fixed off) still leaves the wire view intact.
        if (!state.allOff()) {
            throw new IOException("ethtool could not turn off offloads " + state.enabled() + " on '" + iface
                    + "' (exit " + result.exitCode() + "); capture counts on it may not match the wire. ethtool said: "
                    + oneLine(result.output()));
        }
        return state;
    }

    OffloadState readOffloads(String iface) throws IOException {
        checkName(iface);
        Result result = run(iface, "-k", iface);
        if (result.exitCode() != 0) {
            throw new IOException("ethtool cannot read the offloads of '" + iface + "' (exit " + result.exitCode()
                    + "): " + oneLine(result.output()));
        }
        return parse(iface, result.output());
    }

    /** Parses {@code ethtool -k} output; each of the four features must be present. */
    static OffloadState parse(String iface, String output) throws IOException {
        Map<String, Boolean> features = new HashMap<>();
        for (String line : output.split("\n")) {
            int colon = line.indexOf(':');
            // Sub-features are indented; only the top-level lines matter here.
            if (colon < 0 || line.startsWith("\t") || line.startsWith(" ")) {
                continue;
            }
            String value = line.substring(colon + 1).strip();
            if (value.startsWith("on")) {
                features.put(line.substring(0, colon), true);
            } else if (value.startsWith("off")) {
                features.put(line.substring(0, colon), false);
            }
        }
        return new OffloadState(iface, feature(features, GRO, iface, output), feature(features, GSO, iface, output),
                feature(features, TSO, iface, output), feature(features, LRO, iface, output));
    }

    private static boolean feature(Map<String, Boolean> features, String name, String iface, String output)
            throws IOException {
        Boolean on = features.get(name);
        if (on == null) {
            throw new IOException("ethtool -k " + iface + " printed no '" + name + "' line: " + oneLine(output));
        }
        return on;
    }

    private static void checkName(String iface) {
        Objects.requireNonNull(iface, "iface can't be null");
        // Kernel interface names: 1..15 bytes, no '/', no whitespace; also keeps ethtool from reading options.
        if (iface.isEmpty() || iface.length() > 15 || iface.startsWith("-") || !iface.matches("[^/\\s:]+")) {
            throw new IllegalArgumentException("not a network interface name: '" + iface + "'");
        }
    }

    private Result run(String iface, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ethtool);
        command.addAll(List.of(args));
        // Output goes to a file, so a hung ethtool cannot block the reader past the timeout.
        Path log = Files.createTempFile("ethtool-", ".out");
        try {
            Process process;
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                throw new IOException("cannot run " + ethtool + " (install the ethtool package, or put it on PATH); "
                        + "it is needed to turn off GRO/GSO/TSO/LRO on '" + iface
                        + "' so capture counts match the wire: " + e.getMessage(), e);
            }
            process.getOutputStream().close();
            try {
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IOException(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS
                            + " s");
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + String.join(" ", command), e);
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String oneLine(String output) {
        String flat = output.strip().replaceAll("\\s*\n\\s*", "; ");
        return flat.isEmpty() ? "(nothing)" : flat;
    }

    private record Result(int exitCode, String output) {
    }
}
