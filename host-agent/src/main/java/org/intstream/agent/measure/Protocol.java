package org.intstream.agent.measure;

import org.intstream.engine.packet.Packet;

/** The IP protocols a sketch can be restricted to, as the seed's {@code proto} field names them. */
public enum Protocol {
    TCP(6),
    UDP(17),
    ICMP(1);

    private final int number;

    Protocol(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** The field's text form: tcp, udp or icmp. */
    public String text() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean carries(Packet p) {
        return p.has(Packet.IP_PROTO) && p.ipProto == number;
    }

    /** The protocol named {@code text} (any case), or null. */
    public static Protocol byName(String text) {
        for (Protocol protocol : values()) {
            if (protocol.name().equalsIgnoreCase(text)) {
                return protocol;
            }
        }
        return null;
    }
}
