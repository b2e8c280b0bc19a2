package org.intstream.query.switchgen;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.intstream.query.partition.SwitchField;
import org.intstream.query.partition.SwitchMatch;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.partition.TupleMasks;

/**
 * A switch stage placed in a slot: the slot filter entries that configure it (each carries the whole
 * configuration as action parameters, so installing a query is one batch of inserts and removing it one
 * batch of deletes, with no pipeline reload) and where its state lives. Immutable.
 */
public final class SlotProgram {
    private final SwitchStage stage;
    private final int slot;
    private final List<TableEntrySpec> entries;

    private SlotProgram(SwitchStage stage, int slot, List<TableEntrySpec> entries) {
        this.stage = stage;
        this.slot = slot;
        this.entries = List.copyOf(entries);
    }

    /** Checks a stage against the switch's resources and builds its entries for a slot. */
    public static SlotProgram of(SwitchStage stage, int slot) {
        if (slot < 0 || slot >= IntStreamP4.SLOTS) {
            throw new IllegalArgumentException("slot " + slot + " does not exist; the switch has slots 0 to "
                    + (IntStreamP4.SLOTS - 1));
        }
        checkFits(stage);
        Map<String, BigInteger> params = configureParams(stage);
        List<TableEntrySpec> entries = new ArrayList<>();
        int priority = stage.filter().size();
        for (SwitchMatch m : stage.filter()) {
            Map<String, TableEntrySpec.Match> matches = new LinkedHashMap<>();
            for (SwitchField f : SwitchField.values()) {
                if (m.mask(f) != 0) {
                    matches.put(f.matchName(), new TableEntrySpec.Match(BigInteger.valueOf(m.value(f)),
                            BigInteger.valueOf(m.mask(f))));
                }
            }
            entries.add(new TableEntrySpec(IntStreamP4.slotFilter(slot), matches, priority--,
                    IntStreamP4.slotConfigure(slot), params));
        }
        return new SlotProgram(stage, slot, entries);
    }

    /** Throws {@link SwitchResourceException} naming the first resource the stage exceeds. */
    public static void checkFits(SwitchStage stage) {
        if (stage.filter().size() > IntStreamP4.SLOT_FILTER_TABLE_SIZE) {
            throw new SwitchResourceException("slot filter entries", "query " + stage.query() + " needs "
                    + stage.filter().size() + " filter entries; a slot's filter table holds "
                    + IntStreamP4.SLOT_FILTER_TABLE_SIZE);
        }
        int w = stage.width();
        if (w < 2 || w > IntStreamP4.SKETCH_WIDTH || Integer.bitCount(w) != 1) {
            throw new SwitchResourceException("sketch row cells", "query " + stage.query() + " asks for rows of "
                    + w + " cells; a switch row is a power of two from 2 to " + IntStreamP4.SKETCH_WIDTH);
        }
        long window = stage.windowMicros();
        if (window < EpochClock.MIN_WINDOW_MICROS || window > EpochClock.MAX_WINDOW_MICROS) {
            throw new SwitchResourceException("epoch clock", "query " + stage.query() + " has a " + window
                    + " us window; the switch's epochs are from " + EpochClock.MIN_WINDOW_MICROS + " us to "
                    + EpochClock.MAX_WINDOW_MICROS + " us");
        }
    }

    private static Map<String, BigInteger> configureParams(SwitchStage stage) {
        TupleMasks k = stage.key();
        TupleMasks d = stage.distinct() == null ? TupleMasks.NONE : stage.distinct();
        Map<String, BigInteger> p = new LinkedHashMap<>();
        p.put("key_src", u32(k.src()));
        p.put("key_dst", u32(k.dst()));
        p.put("key_proto", BigInteger.valueOf(k.proto()));
        p.put("key_sport", BigInteger.valueOf(k.sport()));
        p.put("key_dport", BigInteger.valueOf(k.dport()));
        p.put("distinct_src", u32(d.src()));
        p.put("distinct_dst", u32(d.dst()));
        p.put("distinct_proto", BigInteger.valueOf(d.proto()));
        p.put("distinct_sport", BigInteger.valueOf(d.sport()));
        p.put("distinct_dport", BigInteger.valueOf(d.dport()));
        p.put("distinct", BigInteger.valueOf(stage.distinct() == null ? 0 : 1));
        p.put("byte_sum", BigInteger.valueOf(stage.operation() == SwitchStage.Operation.BYTES ? 1 : 0));
        p.put("report_threshold", BigInteger.valueOf(stage.threshold()));
        p.put("reciprocal", EpochClock.reciprocal(stage.windowMicros()));
        p.put("row_width_mask", BigInteger.valueOf(stage.width() - 1L));
        return p;
    }

    private static BigInteger u32(int v) {
        return BigInteger.valueOf(v & 0xFFFFFFFFL);
    }

    public SwitchStage stage() {
        return stage;
    }

    public int slot() {
        return slot;
    }

    /** The slot filter entries to insert (and, to remove the query, delete). */
    public List<TableEntrySpec> entries() {
        return entries;
    }

    /** The counter the controller reads each epoch. */
    public String sketchCounter() {
        return IntStreamP4.slotSketchCounter(slot);
    }
}
