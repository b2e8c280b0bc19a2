package org.intstream.standalone.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.intstream.engine.source.RawFrame;
import org.intstream.engine.source.TraceReader;
import org.intstream.engine.source.TraceReaders;
import org.intstream.standalone.server.SwitchSpec;
import picocli.CommandLine.Option;

/** The controller's switch options, turned into one {@link SwitchSpec} per {@code --switch}. */
public final class SwitchOptions {

    @Option(names = "--switch", paramLabel = "NAME=HOST:PORT[@DEVICE_ID]",
            description = "A switch running intstream.p4 (BMv2 or the soft switch) that the controller programs over "
                    + "P4Runtime: queries with a switch stage are installed on it; repeatable.")
    List<String> switches = new ArrayList<>();

    @Option(names = "--switch-edge", paramLabel = "NAME=PORT[,PORT...]",
            description = "The switch's host-facing ports, where packets enter the network; repeatable.")
    List<String> edges = new ArrayList<>();

    @Option(names = "--switch-clock", paramLabel = "NAME=unix|calibrate|replay:CAPTURE|offset:MICROS",
            description = "How the switch's clock becomes Unix time: unix (its timestamps are Unix time, the soft "
                    + "switch on live ports; the default), calibrate (BMv2 or any other clock: the controller "
                    + "measures the offset with probe packets when it connects and after the switch restarts), "
                    + "replay:CAPTURE (the soft switch replays CAPTURE: the offset comes from its first packet and "
                    + "the clock from the reports), offset:MICROS (Unix time minus the switch's clock, in "
                    + "microseconds); repeatable.")
    List<String> clocks = new ArrayList<>();

    @Option(names = "--switch-read-delay-ms", defaultValue = "500", paramLabel = "MS",
            description = "How long after an epoch's end a switch's counters are read, so its last reports arrive "
                    + "first (default: ${DEFAULT-VALUE}).")
    long readDelayMillis;

    /**
     * The switches to program.
     *
     * @throws IllegalArgumentException naming the option that is wrong
     */
    public List<SwitchSpec> specs() throws IOException {
        Map<String, SwitchSpec> byName = new LinkedHashMap<>();
        for (String s : switches) {
            SwitchSpec spec = SwitchSpec.parse(s);
            if (byName.put(spec.name(), spec) != null) {
                throw new IllegalArgumentException("--switch " + s + ": switch '" + spec.name() + "' is given twice");
            }
        }
        for (String e : edges) {
            String[] kv = split("--switch-edge", e, byName);
            byName.put(kv[0], byName.get(kv[0]).withEdgePorts(kv[1]));
        }
        for (String c : clocks) {
            String[] kv = split("--switch-clock", c, byName);
            byName.put(kv[0], clock(byName.get(kv[0]), c, kv[1]));
        }
        return new ArrayList<>(byName.values());
    }

    private static String[] split(String option, String text, Map<String, SwitchSpec> byName) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(option + " wants NAME=VALUE, got '" + text + "'");
        }
        String name = text.substring(0, eq);
        if (!byName.containsKey(name)) {
            throw new IllegalArgumentException(option + " " + text + ": no --switch is named '" + name + "'");
        }
        return new String[] {name, text.substring(eq + 1)};
    }

    private static SwitchSpec clock(SwitchSpec spec, String option, String mode) throws IOException {
        if (mode.equals("unix")) {
            return spec.withClock(SwitchSpec.ClockMode.UNIX, 0);
        }
        if (mode.equals("calibrate")) {
            return spec.withClock(SwitchSpec.ClockMode.CALIBRATE, 0);
        }
        if (mode.startsWith("calibrate:")) {
            throw new IllegalArgumentException("--switch-clock " + option + ": calibrate takes no value (the "
                    + "controller measures the offset itself)");
        }
        if (mode.startsWith("offset:")) {
            try {
                return spec.withClock(SwitchSpec.ClockMode.OFFSET, Long.parseLong(mode.substring("offset:".length())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--switch-clock " + option + ": the offset is not a number of "
                        + "microseconds");
            }
        }
        if (mode.startsWith("replay:")) {
            Path capture = Path.of(mode.substring("replay:".length()));
            if (!Files.isReadable(capture)) {
                throw new IllegalArgumentException("--switch-clock " + option + ": cannot read " + capture);
            }
            try (TraceReader r = TraceReaders.open(capture)) {
                RawFrame f = new RawFrame();
                if (!r.next(f)) {
                    throw new IllegalArgumentException("--switch-clock " + option + ": " + capture + " has no packet");
                }
                return spec.withClock(SwitchSpec.ClockMode.REPLAY, f.tsMicros);
            }
        }
        throw new IllegalArgumentException("--switch-clock " + option + ": use unix, calibrate, replay:CAPTURE or "
                + "offset:MICROS");
    }
}
