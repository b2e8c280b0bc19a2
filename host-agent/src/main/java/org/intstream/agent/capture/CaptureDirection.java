package org.intstream.agent.capture;

/**
 * Which packets of an interface a live capture sees, as libpcap's {@code pcap_setdirection} defines it:
 * received ({@link #IN}), sent ({@link #OUT}) or both ({@link #INOUT}).
 */
public enum CaptureDirection {
    IN,
    OUT,
    INOUT
}
