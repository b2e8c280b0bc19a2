package org.intstream.agent.stream;

import java.util.Set;
import org.intstream.proto.agent.ControllerMessage;
import org.intstream.proto.agent.Partial;

/**
 * What an agent with children in the overlay tree does besides streaming: it passes its upstream's
 * instructions down, merges its own windows with its children's before anything goes up, and learns which
 * merged partials upstream has taken. Called on the streamer's threads; never while the streamer holds a lock
 * the relay could need.
 */
public interface StreamRelay {

    /**
     * An instruction from upstream, after the agent applied it: an install, a remove, a sketch configuration
     * or a sketch query.
     */
    void fromUpstream(ControllerMessage message);

    /** Upstream welcomed the agent; {@code running} are the queries it installed on this connection. */
    void welcomed(Set<String> running);

    /** A closed window of the agent's own local stage (without a sequence number), in place of sending it up. */
    void ownPartial(Partial partial);

    /** Upstream took the partial sent with this sequence number ({@link AgentStreamer#sendUp}). */
    void acknowledged(long sequence);
}
