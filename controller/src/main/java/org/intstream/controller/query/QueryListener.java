package org.intstream.controller.query;

/** Hears about queries deployed and removed, e.g. to push local stages to agents. */
public interface QueryListener {

    void deployed(DeployedQuery query);

    void removed(DeployedQuery query);
}
