package org.intstream.softswitch.p4runtime;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.intstream.softswitch.engine.OutputPacket;
import p4.v1.P4RuntimeOuterClass.PacketIn;
import p4.v1.P4RuntimeOuterClass.PacketOut;

/**
 * The soft switch as a P4Runtime device: the pipeline config in force (none until one is pushed or
 * loaded), the CPU port, where data-plane output goes, and the packet clock. Packets that leave on the
 * CPU port become packet-ins; packet-outs enter ingress on the CPU port, stamped with the packet clock
 * (the latest timestamp the data plane has seen, or the wall clock before the first packet).
 */
public final class SwitchDevice {
    private final long deviceId;
    private final int cpuPort;
    private volatile LoadedPipeline pipeline;
    private volatile LoadedPipeline saved;
    private volatile long clockMicros = Long.MIN_VALUE;
    private volatile Consumer<OutputPacket> portOutput = p -> { };
    private volatile Consumer<PacketIn> packetIns = p -> { };

    public SwitchDevice(long deviceId, int cpuPort) {
        this.deviceId = deviceId;
        this.cpuPort = cpuPort;
    }

    public long deviceId() {
        return deviceId;
    }

    public int cpuPort() {
        return cpuPort;
    }

    /** The pipeline in force, or null. */
    public LoadedPipeline pipeline() {
        return pipeline;
    }

    public void commit(LoadedPipeline p) {
        pipeline = p;
    }

    public LoadedPipeline saved() {
        return saved;
    }

    public void save(LoadedPipeline p) {
        saved = p;
    }

    /** Where frames leaving on data ports go. */
    public void onPortOutput(Consumer<OutputPacket> sink) {
        portOutput = sink;
    }

    /** Where packet-ins go (the P4Runtime server's primary stream). */
    public void onPacketIn(Consumer<PacketIn> sink) {
        packetIns = sink;
    }

    public long clockMicros() {
        long c = clockMicros;
        return c == Long.MIN_VALUE ? System.currentTimeMillis() * 1000 : c;
    }

    /**
     * A frame arriving on a data port at {@code tsMicros}; returns what the switch sent (packet-ins
     * included, as frames on the CPU port). Without a pipeline the frame is dropped.
     */
    public List<OutputPacket> receive(int port, byte[] frame, int offset, int length, long tsMicros) {
        return receive(port, frame, offset, length, length, tsMicros);
    }

    /** A frame of which only {@code capturedLength} of {@code wireLength} bytes were captured. */
    public List<OutputPacket> receive(int port, byte[] frame, int offset, int capturedLength, int wireLength,
            long tsMicros) {
        LoadedPipeline p = pipeline;
        if (p == null) {
            return List.of();
        }
        if (tsMicros > clockMicros) {
            clockMicros = tsMicros;
        }
        return dispatch(p, p.core().process(port, frame, offset, capturedLength, wireLength, tsMicros));
    }

    /** A packet-out from the controller. */
    public List<OutputPacket> packetOut(PacketOut po) {
        LoadedPipeline p = pipeline;
        if (p == null) {
            throw new P4RuntimeException(Status.Code.FAILED_PRECONDITION, "no forwarding pipeline config is set");
        }
        byte[] bytes = PacketIoCodec.packetOut(po, p.p4info());
        return dispatch(p, p.core().process(cpuPort, bytes, 0, bytes.length, clockMicros()));
    }

    private List<OutputPacket> dispatch(LoadedPipeline p, List<OutputPacket> out) {
        List<OutputPacket> result = new ArrayList<>(out.size());
        for (OutputPacket o : out) {
            if (o.port() == cpuPort) {
                packetIns.accept(PacketIoCodec.packetIn(o.data(), p.p4info()));
            } else {
                portOutput.accept(o);
            }
            result.add(o);
        }
        return result;
    }

    /** The lock that serialises control-plane changes with packet processing. */
    public Object lock(LoadedPipeline p) {
        return p.core();
    }
}
