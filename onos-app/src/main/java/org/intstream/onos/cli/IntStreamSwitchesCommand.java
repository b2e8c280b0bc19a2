package org.intstream.onos.cli;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.intstream.controller.dataplane.ClockCalibration;
import org.intstream.controller.dataplane.SwitchRuntime;
import org.intstream.onos.IntStreamRuntimeService;
import org.onosproject.cli.AbstractShellCommand;
import org.onosproject.net.DeviceId;

/**
 * Lists the devices the controller core runs as switches: whether this instance masters them, their queries,
 * reports and epochs read, and their clock (measured, or why its measurement failed); {@code -j}: as
 * {@code GET /onos/intstream/switches}.
 */
@Service
@Command(scope = "onos", name = "intstream-switches",
        description = "Lists the IntStream switches with their clock calibration")
public class IntStreamSwitchesCommand extends AbstractShellCommand {
    static final String FMT = "name=%s, master=%s, queries=%s, reports=%d, epochs_read=%d, clock=%s";

    @Override
    protected void doExecute() {
        IntStreamRuntimeService runtime = getService(IntStreamRuntimeService.class);
        Map<String, SwitchRuntime> switches = new TreeMap<>(runtime.core().switches());
        if (outputJson()) {
            print("%s", codec(SwitchRuntime.class).encode(switches.values(), this));
            return;
        }
        if (switches.isEmpty()) {
            print("no switches (devices running the org.intstream.pipeconf pipeconf)");
            return;
        }
        Set<DeviceId> mastered = runtime.masteredDevices();
        for (SwitchRuntime sw : switches.values()) {
            print(FMT, sw.name(), mastered.contains(DeviceId.deviceId(sw.name())), sw.queries(), sw.reports(),
                    sw.epochsRead(), clock(sw));
        }
    }

    /** The latest calibration, with its failure since if any; "not calibrated" without one. */
    static String clock(SwitchRuntime sw) {
        ClockCalibration c = sw.clockCalibration();
        String measured = c == null ? "not calibrated"
                : "calibrated at " + Instant.ofEpochMilli(c.atMicros() / 1000) + ": " + c;
        return sw.clockProblem() == null ? measured : measured + "; " + sw.clockProblem();
    }
}
