package org.intstream.engine.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The committed test captures (src/test/resources/pcaps, made by make-pcaps.sh) and frame snapshots. */
public final class TestCaptures {
    /** Every capture made by make-pcaps.sh, each with a tshark export beside it. */
    public static final List<String> MADE = List.of("ipv4.pcap", "ipv4-be.pcap", "ipv6.pcap", "fragments.pcap",
            "nano.pcap", "dumpcap.pcapng", "any-sll.pcap", "sll2.pcap", "vlan.pcap", "snap64.pcap", "rawip.pcap");
    /** Published captures tshark can read, with a tshark export beside each. */
    public static final List<String> PUBLIC = List.of("public/smtp.pcap", "public/be.pcap");

    private TestCaptures() {
    }

    public static Path path(String name) {
        URL url = TestCaptures.class.getResource("/pcaps/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no test capture " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tshark export made beside a capture: {@code x.pcap} -> {@code x.csv}. */
    public static Path tsharkExport(String name) {
        return path(name.substring(0, name.lastIndexOf('.')) + ".csv");
    }

    /** A frame copied out of a reader's reused buffer. */
    public record Frame(long index, long tsMicros, int capLen, int wireLen, int linkType, int dir, String hex) {
        static Frame of(RawFrame f) {
            return new Frame(f.index, f.tsMicros, f.capLen, f.wireLen, f.linkType, f.dir,
                    HexFormat.of().formatHex(f.data, f.offset, f.offset + f.capLen));
        }
    }

    /** Reads every frame; the reader's error, if any, propagates after the frames are collected in out. */
    public static List<Frame> readAll(TraceReader reader, List<Frame> out) throws IOException {
        RawFrame frame = new RawFrame();
        while (reader.next(frame)) {
            out.add(Frame.of(frame));
        }
        return out;
    }

    public static List<Frame> readAll(TraceReader reader) throws IOException {
        return readAll(reader, new ArrayList<>());
    }

    public static List<Frame> readAll(String name) throws IOException {
        try (TraceReader reader = TraceReaders.open(path(name))) {
            return readAll(reader);
        }
    }
}
