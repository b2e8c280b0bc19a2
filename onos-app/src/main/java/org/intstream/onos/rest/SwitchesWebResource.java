package org.intstream.onos.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.intstream.controller.dataplane.SwitchRuntime;
import org.intstream.onos.IntStreamRuntimeService;
import org.onosproject.net.DeviceId;
import org.onosproject.rest.AbstractWebResource;

/** The devices the controller core runs as switches, with their clock calibration. */
@Path("switches")
public class SwitchesWebResource extends AbstractWebResource {
    /**
     * Gets the switches, by name: what the standalone controller's GET /switches shows, and whether this
     * ONOS instance is the device's master (only the master programs, reads and calibrates it).
     *
     * @return 200 OK with {"switches": [...]}
     * @onos.rsModel Switches
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response getSwitches() {
        IntStreamRuntimeService runtime = get(IntStreamRuntimeService.class);
        Set<DeviceId> mastered = runtime.masteredDevices();
        ObjectNode root = mapper().createObjectNode();
        ArrayNode list = root.putArray("switches");
        for (Map.Entry<String, SwitchRuntime> e : new TreeMap<>(runtime.core().switches()).entrySet()) {
            ObjectNode n = codec(SwitchRuntime.class).encode(e.getValue(), this);
            n.put("master", mastered.contains(DeviceId.deviceId(e.getKey())));
            list.add(n);
        }
        return ok(root).build();
    }
}
