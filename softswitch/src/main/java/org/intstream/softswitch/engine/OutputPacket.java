package org.intstream.softswitch.engine;

/** A packet the switch sends: its egress port (the CPU port for packet-ins) and its bytes. */
public record OutputPacket(int port, byte[] data) {
}
