package org.intstream.softswitch.io;

import java.io.IOException;
import java.sql.Timestamp;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.core.RawPacketListener;

/**
 * A network interface as a switch port, through libpcap (Pcap4J): frames arriving on the interface
 * (inbound only, so the switch never hears its own output) go to a receiver with their capture
 * timestamp; frames the switch sends out of the port are injected on a second handle.
 */
public final class InterfacePort implements AutoCloseable {
    /** Gets each inbound frame: the port, the bytes, the wire length, microseconds since the Unix epoch. */
    @FunctionalInterface
    public interface Receiver {
        void receive(int port, byte[] frame, int wireLength, long tsMicros);
    }

    private static final int SNAPLEN = 65_536;

    private final int port;
    private final String iface;
    private final PcapHandle capture;
    private final PcapHandle send;
    private final Thread loop;

    private InterfacePort(int port, String iface, PcapHandle capture, PcapHandle send, Receiver receiver) {
        this.port = port;
        this.iface = iface;
        this.capture = capture;
        this.send = send;
        RawPacketListener listener = bytes -> {
            Timestamp ts = capture.getTimestamp();
            Integer original = capture.getOriginalLength();
            long micros = Math.floorDiv(ts.getTime(), 1000L) * 1_000_000L + ts.getNanos() / 1000;
            receiver.receive(port, bytes, original == null ? bytes.length : Math.max(original, bytes.length), micros);
        };
        this.loop = new Thread(() -> {
            try {
                capture.loop(-1, listener);
            } catch (InterruptedException | NotOpenException e) {
                // breakLoop() or close(): the port is shutting down.
            } catch (PcapNativeException e) {
                throw new IllegalStateException("capture on " + iface + " (port " + port + ") failed: " + e.getMessage(), e);
            }
        }, "softswitch-port-" + port + "-" + iface);
        loop.setDaemon(true);
    }

    /** Opens the interface and starts delivering its inbound frames to {@code receiver}. */
    public static InterfacePort open(int port, String iface, Receiver receiver) throws IOException {
        PcapHandle capture = null;
        PcapHandle send = null;
        try {
            capture = new PcapHandle.Builder(iface).snaplen(SNAPLEN).promiscuousMode(PromiscuousMode.PROMISCUOUS)
                    .timeoutMillis(10).immediateMode(true).build();
            capture.setDirection(PcapHandle.PcapDirection.IN);
            send = new PcapHandle.Builder(iface).snaplen(SNAPLEN).timeoutMillis(10).build();
            InterfacePort p = new InterfacePort(port, iface, capture, send, receiver);
            p.loop.start();
            return p;
        } catch (PcapNativeException | NotOpenException e) {
            if (capture != null) {
                capture.close();
            }
            if (send != null) {
                send.close();
            }
            throw new IOException("cannot open interface " + iface + " as port " + port + ": " + e.getMessage()
                    + " (needs root or CAP_NET_RAW and CAP_NET_ADMIN)", e);
        }
    }

    public int port() {
        return port;
    }

    public String iface() {
        return iface;
    }

    /** Sends a frame out of the interface. */
    public void send(byte[] frame) throws IOException {
        try {
            synchronized (send) {
                send.sendPacket(frame);
            }
        } catch (PcapNativeException | NotOpenException e) {
            throw new IOException("cannot send on " + iface + " (port " + port + "): " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            capture.breakLoop();
        } catch (NotOpenException e) {
            // already closed
        }
        try {
            loop.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        capture.close();
        send.close();
    }
}
