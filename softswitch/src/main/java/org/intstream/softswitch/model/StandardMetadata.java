package org.intstream.softswitch.model;

/**
 * The v1model standard metadata fields the traffic manager reads and writes. Fields a program lacks
 * are null (p4c always emits them for v1model; hand-written JSON may not).
 */
public final class StandardMetadata {
    public final FieldInfo ingressPort;
    public final FieldInfo egressSpec;
    public final FieldInfo egressPort;
    public final FieldInfo instanceType;
    public final FieldInfo packetLength;
    public final FieldInfo ingressGlobalTimestamp;
    public final FieldInfo egressGlobalTimestamp;
    public final FieldInfo mcastGrp;
    public final FieldInfo egressRid;
    public final FieldInfo parserError;
    public final FieldInfo checksumError;

    public StandardMetadata(Layout layout, JsonPath where) {
        ingressPort = required(layout, "ingress_port", where);
        egressSpec = required(layout, "egress_spec", where);
        egressPort = required(layout, "egress_port", where);
        instanceType = required(layout, "instance_type", where);
        packetLength = layout.fieldOrNull("standard_metadata.packet_length");
        ingressGlobalTimestamp = layout.fieldOrNull("standard_metadata.ingress_global_timestamp");
        egressGlobalTimestamp = layout.fieldOrNull("standard_metadata.egress_global_timestamp");
        mcastGrp = layout.fieldOrNull("standard_metadata.mcast_grp");
        egressRid = layout.fieldOrNull("standard_metadata.egress_rid");
        parserError = layout.fieldOrNull("standard_metadata.parser_error");
        checksumError = layout.fieldOrNull("standard_metadata.checksum_error");
    }

    private static FieldInfo required(Layout layout, String name, JsonPath where) {
        FieldInfo f = layout.fieldOrNull("standard_metadata." + name);
        if (f == null) {
            throw where.error("no standard_metadata." + name + ": the soft switch runs v1model programs only");
        }
        return f;
    }
}
