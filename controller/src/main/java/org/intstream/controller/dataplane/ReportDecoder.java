package org.intstream.controller.dataplane;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.intstream.engine.switchtwin.SwitchHeaders;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.partition.TupleMasks;
import org.intstream.query.switchgen.SlotProgram;

/**
 * Turns a switch's reports into the keys its slots reported: each fired slot's key is read from the
 * reported packet's headers (parsed as the switch parsed them) through the slot's masks, and its epoch from
 * the report's timestamp. The switch's "already reported" cache fails open, so the same key may come
 * again in one epoch; the decoder drops those duplicates. One decoder per switch; not thread-safe.
 */
public final class ReportDecoder {
    /** Epochs of duplicate memory kept per slot beyond the newest (reports may arrive a little late). */
    private static final int EPOCHS_REMEMBERED = 2;

    private final IntFunction<SlotProgram> installed;
    private final SwitchHeaders headers = new SwitchHeaders();
    private final List<Set<SlotHit>> seen = new ArrayList<>();
    private long duplicates;

    /** @param installed the program in a slot, or null for a free slot */
    public ReportDecoder(IntFunction<SlotProgram> installed) {
        this.installed = installed;
    }

    /**
     * The new keys in one report (a report whose slots hold no query, e.g. just removed, gives none).
     *
     * @throws MalformedReportException when the report or its packet cannot be read
     */
    public List<SlotHit> decode(byte[] packetInPayload) {
        SwitchReportFrame report = SwitchReportFrame.parse(packetInPayload);
        byte[] p = report.payload();
        int off = SwitchReportFrame.HEADER_BYTES;
        if (!headers.parse(p, off, p.length - off, false)) {
            throw new MalformedReportException("byte " + off + ": the reported packet is not IPv4 as the switch parses it");
        }
        List<SlotHit> hits = new ArrayList<>();
        for (int slot = 0; slot < 8; slot++) {
            if (!report.fired(slot)) {
                continue;
            }
            SlotProgram program = installed.apply(slot);
            if (program == null) {
                continue;
            }
            SwitchStage stage = program.stage();
            TupleMasks m = stage.key();
            int[] key = {headers.src() & m.src(), headers.dst() & m.dst(), headers.proto() & m.proto(),
                headers.sport() & m.sport(), headers.dport() & m.dport()};
            long epoch = report.timestampMicros() / stage.windowMicros();
            SlotHit hit = new SlotHit(stage.query(), slot, epoch, epoch * stage.windowMicros(), key);
            if (remember(hit)) {
                hits.add(hit);
            } else {
                duplicates++;
            }
        }
        return hits;
    }

    /** Reports of keys already reported in their epoch (collisions in the switch's cache). */
    public long duplicates() {
        return duplicates;
    }

    private boolean remember(SlotHit hit) {
        while (seen.size() <= hit.slot()) {
            seen.add(new HashSet<>());
        }
        Set<SlotHit> s = seen.get(hit.slot());
        // Forget epochs well before this one so memory stays bounded by the keys of a few windows.
        s.removeIf(h -> h.epoch() + EPOCHS_REMEMBERED < hit.epoch() || !h.query().equals(hit.query()));
        return s.add(hit);
    }
}
