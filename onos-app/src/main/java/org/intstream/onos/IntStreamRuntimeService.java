package org.intstream.onos;

import java.util.Set;
import org.intstream.controller.runtime.ControllerCore;
import org.onosproject.net.DeviceId;

/**
 * The controller core inside ONOS: the same merge of switch epochs and agents' partials as the standalone
 * controller runs, with ONOS's devices as its switches (each programmed and read by its master only).
 */
public interface IntStreamRuntimeService {
    /** The core: its queries, merged windows, agents and switches. */
    ControllerCore core();

    /** The devices this ONOS instance programs and reads now (those it is the master of). */
    Set<DeviceId> masteredDevices();
}
