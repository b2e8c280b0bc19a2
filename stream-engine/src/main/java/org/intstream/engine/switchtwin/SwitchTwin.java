package org.intstream.engine.switchtwin;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.intstream.engine.packet.LinkTypes;
import org.intstream.engine.source.RawFrame;
import org.intstream.query.switchgen.EpochClock;
import org.intstream.query.switchgen.IntStreamP4;
import org.intstream.query.switchgen.SlotProgram;

/**
 * The query slots of one {@code intstream.p4} switch computed in Java: frames in, per-slot counters and
 * one report per packet on which any slot fired (what the switch clones to the CPU port), out. Frames
 * must be Ethernet, as a switch port receives them. A frame's length is its wire length: a capture cut
 * to a snap length stands for the full packets the switch saw (the soft switch replaying a capture sets
 * {@code packet_length} the same way).
 */
public final class SwitchTwin {
    private final SlotTwin[] slots = new SlotTwin[IntStreamP4.SLOTS];
    private final Set<Integer> edgePorts = new HashSet<>();
    private final SwitchHeaders headers = new SwitchHeaders();
    private final List<SwitchReport> reports = new ArrayList<>();
    private long clockOffsetMicros;

    /** Installs a slot program (as writing its entries does); the slot keeps its registers and counters. */
    public SwitchTwin install(SlotProgram program) {
        if (slots[program.slot()] == null) {
            slots[program.slot()] = new SlotTwin(program);
        } else {
            slots[program.slot()].reprogram(program);
        }
        return this;
    }

    /** Clears a slot (as deleting its entries does); its registers and counters keep their contents. */
    public SwitchTwin remove(int slot) {
        if (slots[slot] != null) {
            slots[slot].reprogram(null);
        }
        return this;
    }

    public SwitchTwin edgePort(int port) {
        edgePorts.add(port);
        return this;
    }

    /**
     * The clock table's offset, added to the switch's 48-bit timestamp of the packet's arrival; for Unix
     * time from Unix timestamps, {@link EpochClock#offsetForUnixTimestamps}.
     */
    public SwitchTwin clockOffset(long micros) {
        this.clockOffsetMicros = micros;
        return this;
    }

    /**
     * Runs one frame that arrived on a port at {@code arrivalMicros} (the switch's clock before the offset;
     * the switch keeps its low 48 bits).
     *
     * @return the bitmap of slots that fired
     */
    public int process(RawFrame frame, int ingressPort, long arrivalMicros) {
        if (frame.linkType != LinkTypes.ETHERNET) {
            throw new IllegalArgumentException("frame " + frame.index + " has link type " + frame.linkType
                    + "; a switch port receives Ethernet frames");
        }
        if (!headers.parse(frame.data, frame.offset, frame.capLen, edgePorts.contains(ingressPort))) {
            return 0;
        }
        long now = EpochClock.switchNow(arrivalMicros, clockOffsetMicros);
        int fired = 0;
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null && slots[i].process(headers, now, frame.wireLen)) {
                fired |= 1 << i;
            }
        }
        if (fired != 0) {
            reports.add(new SwitchReport(frame.index, now, ingressPort, fired));
        }
        return fired;
    }

    /** Runs a frame using its capture timestamp as the switch clock, as the soft switch replaying a pcap does. */
    public int process(RawFrame frame, int ingressPort) {
        return process(frame, ingressPort, frame.tsMicros);
    }

    public SlotTwin slot(int slot) {
        return slots[slot];
    }

    /** Reports so far, in packet order. */
    public List<SwitchReport> reports() {
        return List.copyOf(reports);
    }
}
