package org.intstream.p4runtime;

/**
 * The rates of one cell of an indirect meter, by meter name: committed and peak information rate (units
 * per second) and burst sizes (units), where the unit is the meter's (packets or bytes) from the P4Info.
 */
public record MeterConfigSpec(String meter, long index, long cir, long cburst, long pir, long pburst) {

    public MeterConfigSpec {
        if (meter == null) {
            throw new IllegalArgumentException("meter name can't be null");
        }
        if (index < 0) {
            throw new IllegalArgumentException("meter " + meter + ": index " + index + " is negative");
        }
        if (cir < 0 || cburst < 0 || pir < 0 || pburst < 0) {
            throw new IllegalArgumentException("meter " + meter + "[" + index + "]: rates and bursts can't be negative");
        }
        if (pir < cir) {
            throw new IllegalArgumentException("meter " + meter + "[" + index + "]: peak rate " + pir
                    + " is below committed rate " + cir);
        }
    }

    public String describe() {
        return "meter " + meter + "[" + index + "]";
    }
}
