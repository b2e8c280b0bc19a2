package org.intstream.softswitch.engine;

/** v1model's {@code standard_metadata.instance_type} values, as simple_switch numbers them. */
public final class InstanceType {
    public static final int NORMAL = 0;
    public static final int INGRESS_CLONE = 1;
    public static final int EGRESS_CLONE = 2;
    public static final int RECIRCULATE = 4;
    public static final int REPLICATION = 5;
    public static final int RESUBMIT = 6;

    private InstanceType() {
    }
}
