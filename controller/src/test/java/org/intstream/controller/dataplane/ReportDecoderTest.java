package org.intstream.controller.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.intstream.engine.source.RawFrame;
import org.intstream.engine.source.TraceReader;
import org.intstream.engine.source.TraceReaders;
import org.intstream.engine.switchtwin.SwitchReport;
import org.intstream.engine.switchtwin.SwitchTwin;
import org.intstream.query.partition.SwitchMatch;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.partition.TupleMasks;
import org.intstream.query.switchgen.SlotProgram;
import org.junit.jupiter.api.Test;

class ReportDecoderTest {
    private static final Path SCAN = Path.of("..", "tests", "src", "test", "resources", "traces", "nmap-syn-fast.pcap");

    /** A report frame laid out as intstream.p4's egress builds it (after the packet-in header). */
    static byte[] reportFrame(int fired, int port, long ts, byte[] frame, int off, int len) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[12]);
        b.write(0x88);
        b.write(0xB5);
        b.write(1);
        b.write(fired);
        b.write(port >> 8);
        b.write(port);
        for (int i = 7; i >= 0; i--) {
            b.write((int) (ts >>> (8 * i)));
        }
        b.write(frame, off, Math.min(len, 128 - 2 - SwitchReportFrame.HEADER_BYTES));
        return b.toByteArray();
    }

    @Test
    void decodesTheKeysOfFiredSlotsOnceEachPerEpoch() throws IOException {
        SwitchStage perSource = new SwitchStage("per_source", List.of(SwitchMatch.ANY), new TupleMasks(-1, 0, 0, 0, 0),
                null, SwitchStage.Operation.PACKETS, 30, 1_000_000, 1024, false, List.of("src"));
        SwitchStage perDst24 = new SwitchStage("per_dst24", List.of(SwitchMatch.ANY), new TupleMasks(0, 0xFFFFFF00, 0, 0, 0),
                null, SwitchStage.Operation.PACKETS, 30, 1_000_000, 1024, false, List.of("net"));
        SlotProgram a = SlotProgram.of(perSource, 1);
        SlotProgram b = SlotProgram.of(perDst24, 3);
        SwitchTwin twin = new SwitchTwin().install(a).install(b);
        Map<Long, byte[]> reports = new HashMap<>();
        try (TraceReader r = TraceReaders.open(SCAN)) {
            RawFrame f = new RawFrame();
            while (r.next(f)) {
                if (twin.process(f, 7) != 0) {
                    SwitchReport rep = twin.reports().get(twin.reports().size() - 1);
                    reports.put(f.index, reportFrame(rep.fired(), 7, rep.timestampMicros(), f.data, f.offset, f.capLen));
                }
            }
        }
        assertThat(twin.reports()).isNotEmpty();
        ReportDecoder decoder = new ReportDecoder(slot -> slot == 1 ? a : slot == 3 ? b : null);
        List<SlotHit> hits = new ArrayList<>();
        for (SwitchReport rep : twin.reports()) {
            hits.addAll(decoder.decode(reports.get(rep.frameIndex())));
        }
        assertThat(hits).doesNotHaveDuplicates();
        assertThat(hits).anySatisfy(h -> {
            assertThat(h.query()).isEqualTo("per_source");
            assertThat(h.key()[1]).isZero();
            assertThat(h.windowStartMicros() % 1_000_000).isZero();
        });
        assertThat(hits).anySatisfy(h -> {
            assertThat(h.query()).isEqualTo("per_dst24");
            assertThat(h.key()[0]).isZero();
            assertThat(h.key()[1] & 0xFF).isZero();
        });
        // Sending every report twice changes nothing: the second copies are duplicates.
        long before = decoder.duplicates();
        for (SwitchReport rep : twin.reports()) {
            assertThat(decoder.decode(reports.get(rep.frameIndex()))).isEmpty();
        }
        assertThat(decoder.duplicates() - before).isGreaterThanOrEqualTo(twin.reports().size());
    }

    @Test
    void malformedReportsSayWhatAndWhere() {
        byte[] frame = new byte[60];
        frame[12] = 0x08;
        byte[] good = reportFrame(1, 1, 5, frame, 0, frame.length);
        assertThatThrownBy(() -> SwitchReportFrame.parse(Arrays.copyOf(good, 20)))
                .isInstanceOf(MalformedReportException.class).hasMessageContaining("this one has 20");
        byte[] wrongType = good.clone();
        wrongType[13] = 0x00;
        assertThat(SwitchReportFrame.isReport(wrongType)).isFalse();
        assertThatThrownBy(() -> SwitchReportFrame.parse(wrongType)).hasMessageContaining("byte 12: EtherType 0x8800");
        byte[] version = good.clone();
        version[14] = 9;
        assertThatThrownBy(() -> SwitchReportFrame.parse(version)).hasMessageContaining("byte 14: report version 9");
        byte[] noSlot = good.clone();
        noSlot[15] = 0;
        assertThatThrownBy(() -> SwitchReportFrame.parse(noSlot)).hasMessageContaining("byte 15");
        byte[] notIp = good.clone();
        notIp[SwitchReportFrame.HEADER_BYTES + 12] = 0x08;
        notIp[SwitchReportFrame.HEADER_BYTES + 13] = 0x06; // ARP
        assertThatThrownBy(() -> new ReportDecoder(s -> null).decode(notIp))
                .hasMessageContaining("byte 26: the reported packet is not IPv4");
    }
}
