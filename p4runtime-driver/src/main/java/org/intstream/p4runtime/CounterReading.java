package org.intstream.p4runtime;

/** One cell of an indirect counter as read from the switch: packets and bytes since it was last written. */
public record CounterReading(String counter, long index, long packets, long bytes) {
}
