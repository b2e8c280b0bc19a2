package org.intstream.agent.api;

import java.util.Map;

/** Answers one API message given as its fields: the agent's own {@link MeasurementApi}, or one in front of it. */
@FunctionalInterface
public interface MessageHandler {
    ApiResponse handle(Map<String, String> fields);
}
