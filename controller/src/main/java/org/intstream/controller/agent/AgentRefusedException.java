package org.intstream.controller.agent;

/** An agent may not join: wrong token, or a malformed hello. The message says which. */
public final class AgentRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AgentRefusedException(String message) {
        super(message);
    }
}
