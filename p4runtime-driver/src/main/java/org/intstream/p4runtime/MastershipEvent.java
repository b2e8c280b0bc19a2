package org.intstream.p4runtime;

/**
 * A change of a client's role: its new role, its own election id, and the primary's election id as the
 * device last reported it (null when unknown, e.g. while disconnected or before any client was primary).
 */
public record MastershipEvent(long deviceId, MastershipRole role, ElectionId ours, ElectionId primary) {
}
