package org.intstream.softswitch.parser;

import org.intstream.softswitch.runtime.PacketContext;

/**
 * One operation of a parse state; {@link PacketContext#payloadOffset} is the parse position while parsing.
 *
 * @throws ParserError to end the parse with an error
 */
@FunctionalInterface
public interface ParserOp {
    void apply(PacketContext c);
}
