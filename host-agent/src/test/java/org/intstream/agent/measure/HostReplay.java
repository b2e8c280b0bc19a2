package org.intstream.agent.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.intstream.engine.packet.IpAddresses;
import org.intstream.engine.packet.Packet;
import org.intstream.engine.packet.PacketDecoder;
import org.intstream.engine.source.RawFrame;
import org.intstream.engine.source.TraceReader;
import org.intstream.engine.source.TraceReaders;

/**
 * Replays one of the project's traces as the agent of one host would see it: IPv4 packets to the host
 * arrive as input, packets from it leave as output, all others carry no direction.
 */
final class HostReplay {
    /** The project's committed traces, from this module's directory. */
    static final Path TRACES = Path.of("..", "tests", "src", "test", "resources", "traces");

    private HostReplay() {
    }

    static Path trace(String name) {
        Path file = TRACES.resolve(name);
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("trace " + file.toAbsolutePath() + " is missing");
        }
        return file;
    }

    static void replay(String traceName, String host, Consumer<Packet> sink) throws IOException {
        int address = IpAddresses.parseV4(host);
        PacketDecoder decoder = new PacketDecoder();
        Packet p = new Packet();
        RawFrame frame = new RawFrame();
        try (TraceReader reader = TraceReaders.open(trace(traceName))) {
            while (reader.next(frame)) {
                decoder.decode(frame, p);
                if (p.isIpv4() && p.ip4Dst == address) {
                    p.dir = Packet.DIR_IN;
                    p.set(Packet.DIR);
                } else if (p.isIpv4() && p.ip4Src == address) {
                    p.dir = Packet.DIR_OUT;
                    p.set(Packet.DIR);
                }
                sink.accept(p);
            }
        }
    }
}
