package org.intstream.softswitch.extern;

import org.intstream.softswitch.action.FieldWrite;
import org.intstream.softswitch.expr.Expr;
import org.intstream.softswitch.runtime.PacketContext;

/**
 * A checksum the program keeps ({@code checksums} in the JSON, from v1model's verify_checksum and
 * update_checksum): verified after parsing, updated just before deparsing, each only when its condition
 * holds.
 */
public final class ChecksumUnit {
    private final String name;
    private final Expr target;
    private final FieldWrite targetWrite;
    private final Calculation calculation;
    private final Expr condition;
    private final boolean verify;
    private final boolean update;

    public ChecksumUnit(String name, Expr target, FieldWrite targetWrite, Calculation calculation, Expr condition,
            boolean verify, boolean update) {
        this.name = name;
        this.target = target;
        this.targetWrite = targetWrite;
        this.calculation = calculation;
        this.condition = condition;
        this.verify = verify;
        this.update = update;
    }

    public String name() {
        return name;
    }

    private boolean enabled(PacketContext c) {
        return condition == null || condition.evalBool(c);
    }

    /** False when verification is on, enabled, and the field disagrees with the computed checksum. */
    public boolean verify(PacketContext c) {
        if (!verify || !enabled(c)) {
            return true;
        }
        return target.evalLong(c) == calculation.compute(c);
    }

    public void update(PacketContext c) {
        if (update && enabled(c)) {
            targetWrite.store(c, calculation.compute(c));
        }
    }
}
