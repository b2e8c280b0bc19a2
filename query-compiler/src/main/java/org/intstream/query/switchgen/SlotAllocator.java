package org.intstream.query.switchgen;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.intstream.query.partition.SwitchStage;

/**
 * Which query holds which slot of one switch. Placing a query takes the lowest free slot and gives the
 * entries to write; removing it frees the slot. A query that does not fit is refused before anything is
 * written, with the exhausted resource named. Not thread-safe: one per switch, used under its lock.
 */
public final class SlotAllocator {
    private final String switchName;
    private final SlotProgram[] slots = new SlotProgram[IntStreamP4.SLOTS];

    public SlotAllocator(String switchName) {
        this.switchName = switchName;
    }

    /** Reserves a slot for a stage and returns its program; the caller writes the entries. */
    public SlotProgram place(SwitchStage stage) {
        if (find(stage.query()).isPresent()) {
            throw new IllegalArgumentException("query " + stage.query() + " is already installed on " + switchName);
        }
        SlotProgram.checkFits(stage);
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] == null) {
                slots[i] = SlotProgram.of(stage, i);
                return slots[i];
            }
        }
        List<String> holders = new ArrayList<>();
        for (SlotProgram p : slots) {
            holders.add(p.stage().query());
        }
        throw new SwitchResourceException("query slots", "switch " + switchName + " has no free query slot for "
                + stage.query() + ": all " + IntStreamP4.SLOTS + " hold " + holders);
    }

    /** Frees the query's slot and returns the program whose entries the caller deletes. */
    public SlotProgram remove(String query) {
        SlotProgram p = find(query).orElseThrow(() -> new IllegalArgumentException(
                "query " + query + " is not installed on " + switchName));
        slots[p.slot()] = null;
        return p;
    }

    public Optional<SlotProgram> find(String query) {
        for (SlotProgram p : slots) {
            if (p != null && p.stage().query().equals(query)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The program in a slot, if any. */
    public Optional<SlotProgram> slot(int slot) {
        return Optional.ofNullable(slots[slot]);
    }

    /** Every installed program, by slot. */
    public List<SlotProgram> installed() {
        List<SlotProgram> out = new ArrayList<>();
        for (SlotProgram p : slots) {
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }
}
