package org.intstream.controller.agent;

import org.intstream.controller.query.DeployedQuery;

/** The controller's way to one connected agent (a gRPC stream in the standalone controller). */
public interface AgentLink {

    /** Tells the agent to run the query's local stage. */
    void install(DeployedQuery query);

    /** Tells the agent to stop running a query. */
    void remove(String query);
}
