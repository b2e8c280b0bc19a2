package org.intstream.onos.cli;

import java.time.Instant;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.intstream.controller.agent.AgentStatus;
import org.intstream.onos.IntStreamService;
import org.onosproject.cli.AbstractShellCommand;

/** Lists the end-host agents known to the controller. */
@Service
@Command(scope = "onos", name = "intstream-agents", description = "Lists the IntStream end-host agents")
public class IntStreamAgentsCommand extends AbstractShellCommand {
    static final String FMT = "id=%s, point=%s, state=%s, since=%s";

    @Override
    protected void doExecute() {
        List<AgentStatus> agents = getService(IntStreamService.class).agents();
        if (agents.isEmpty()) {
            print("no agents known (agents dial this ONOS instance's agent endpoint: component "
                    + "org.intstream.onos.agent.AgentEndpointManager, property agentPort)");
            return;
        }
        for (AgentStatus a : agents) {
            print(FMT, a.id(), a.point(), a.connected() ? "connected" : "disconnected",
                    Instant.ofEpochMilli(a.sinceMillis()));
        }
    }
}
