package org.intstream.onos.runtime;

import java.net.URI;
import java.net.URISyntaxException;
import org.onosproject.net.DeviceId;
import org.onosproject.net.config.NetworkConfigService;
import org.onosproject.net.config.basics.BasicDeviceConfig;

/**
 * The P4Runtime device id of an ONOS device: the {@code device_id} query parameter of the management address
 * in the device's netcfg ({@code "managementAddress": "grpc://host:50001?device_id=1"}), where ONOS's own
 * P4Runtime drivers take it from.
 */
final class P4DeviceIds {
    private P4DeviceIds() {
    }

    /**
     * @throws IllegalStateException naming the device when its netcfg gives no usable {@code device_id}
     */
    static long of(NetworkConfigService netcfg, DeviceId device) {
        BasicDeviceConfig cfg = netcfg.getConfig(device, BasicDeviceConfig.class);
        if (cfg == null || cfg.managementAddress() == null) {
            throw new IllegalStateException("device " + device + " has no managementAddress in its netcfg "
                    + "(grpc://host:port?device_id=N): its P4Runtime device id is unknown");
        }
        return parse(device, cfg.managementAddress());
    }

    static long parse(DeviceId device, String managementAddress) {
        String query;
        try {
            query = new URI(managementAddress).getQuery();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("device " + device + ": managementAddress '" + managementAddress
                    + "' is not a URI: " + e.getMessage(), e);
        }
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals("device_id")) {
                    String value = pair.substring(eq + 1);
                    try {
                        return Long.parseUnsignedLong(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalStateException("device " + device + ": device_id '" + value + "' in "
                                + managementAddress + " is not an unsigned number", e);
                    }
                }
            }
        }
        throw new IllegalStateException("device " + device + ": managementAddress '" + managementAddress
                + "' has no device_id query parameter (grpc://host:port?device_id=N)");
    }
}
