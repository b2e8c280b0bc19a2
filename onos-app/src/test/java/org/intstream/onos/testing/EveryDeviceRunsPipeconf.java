package org.intstream.onos.testing;

import java.util.Optional;
import org.onosproject.net.DeviceId;
import org.onosproject.net.pi.model.PiPipeconf;
import org.onosproject.net.pi.PiPipeconfServiceAdapter;

/** A pipeconf service under which every device runs the given pipeconf. */
public final class EveryDeviceRunsPipeconf extends PiPipeconfServiceAdapter {
    private final PiPipeconf pipeconf;

    public EveryDeviceRunsPipeconf(PiPipeconf pipeconf) {
        this.pipeconf = pipeconf;
    }

    @Override
    public Optional<PiPipeconf> getPipeconf(DeviceId deviceId) {
        return Optional.of(pipeconf);
    }
}
