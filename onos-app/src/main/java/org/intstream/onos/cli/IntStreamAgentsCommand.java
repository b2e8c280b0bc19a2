package org.intstream.onos.cli;

import java.time.Instant;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.intstream.controller.agent.AgentStatus;
import org.intstream.onos.AgentEndpointService;
import org.intstream.onos.IntStreamService;
import org.onosproject.cli.AbstractShellCommand;

/** Lists the end-host agents known to the controller, then the state of the endpoint they dial. */
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
        }
        for (AgentStatus a : agents) {
            print(FMT, a.id(), a.point(), a.connected() ? "connected" : "disconnected",
                    Instant.ofEpochMilli(a.sinceMillis()));
        }
        print("%s", endpoint(getService(AgentEndpointService.class)));
    }

    /** Where agents dial, and over what; or why they can't. */
    static String endpoint(AgentEndpointService endpoint) {
        if (endpoint.port() < 0) {
            String why = endpoint.problem();
            return "agents' endpoint is down: " + (why == null ? "not started" : why);
        }
        return "agents' endpoint: port " + endpoint.port() + (endpoint.tls() ? ", TLS (agents give --tls-ca)"
                : ", plain TCP");
    }
}
