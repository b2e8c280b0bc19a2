package org.intstream.onos.pipeconf;

import static org.intstream.onos.pipeconf.P4InfoConstants.HDR_ETH_DST;
import static org.intstream.onos.pipeconf.P4InfoConstants.HDR_ETH_SRC;
import static org.intstream.onos.pipeconf.P4InfoConstants.HDR_ETH_TYPE;
import static org.intstream.onos.pipeconf.P4InfoConstants.HDR_INGRESS_PORT;
import static org.intstream.onos.pipeconf.P4InfoConstants.HDR_IPV4_DST;
import static org.intstream.onos.pipeconf.P4InfoConstants.HDR_IPV4_SRC;
import static org.intstream.onos.pipeconf.P4InfoConstants.HDR_IP_PROTO;
import static org.intstream.onos.pipeconf.P4InfoConstants.HDR_L4_DPORT;
import static org.intstream.onos.pipeconf.P4InfoConstants.HDR_L4_SPORT;

import java.math.BigInteger;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.onlab.packet.IpPrefix;
import org.onlab.packet.MacAddress;
import org.onlab.util.ImmutableByteSequence;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.criteria.EthCriterion;
import org.onosproject.net.flow.criteria.EthTypeCriterion;
import org.onosproject.net.flow.criteria.IPCriterion;
import org.onosproject.net.flow.criteria.IPProtocolCriterion;
import org.onosproject.net.flow.criteria.PiCriterion;
import org.onosproject.net.flow.criteria.PortCriterion;
import org.onosproject.net.flow.criteria.TcpPortCriterion;
import org.onosproject.net.flow.criteria.UdpPortCriterion;
import org.onosproject.net.pi.model.PiMatchFieldId;
import org.onosproject.net.pi.model.PiMatchFieldModel;
import org.onosproject.net.pi.model.PiMatchType;
import org.onosproject.net.pi.model.PiPipelineInterpreter.PiInterpreterException;
import org.onosproject.net.pi.model.PiTableModel;

/**
 * ONOS criteria as intstream.p4 match fields. The ACL's field names ({@code eth_dst}, {@code l4_dport}…) are
 * the ones ONOS's criteria map to; the L2 tables key the destination MAC as {@code dst_addr}, so the
 * pipeliner writes those as PI criteria itself. Values are fitted to the field's width in the P4Info, and a
 * criterion the table cannot match is refused by name.
 */
public final class CriterionTranslator {
    private static final Map<Criterion.Type, PiMatchFieldId> FIELDS = new EnumMap<>(Criterion.Type.class);

    static {
        FIELDS.put(Criterion.Type.IN_PORT, HDR_INGRESS_PORT);
        FIELDS.put(Criterion.Type.ETH_DST, HDR_ETH_DST);
        FIELDS.put(Criterion.Type.ETH_DST_MASKED, HDR_ETH_DST);
        FIELDS.put(Criterion.Type.ETH_SRC, HDR_ETH_SRC);
        FIELDS.put(Criterion.Type.ETH_SRC_MASKED, HDR_ETH_SRC);
        FIELDS.put(Criterion.Type.ETH_TYPE, HDR_ETH_TYPE);
        FIELDS.put(Criterion.Type.IP_PROTO, HDR_IP_PROTO);
        FIELDS.put(Criterion.Type.IPV4_SRC, HDR_IPV4_SRC);
        FIELDS.put(Criterion.Type.IPV4_DST, HDR_IPV4_DST);
        // The program gathers TCP and UDP ports into one pair of fields.
        FIELDS.put(Criterion.Type.TCP_SRC, HDR_L4_SPORT);
        FIELDS.put(Criterion.Type.TCP_SRC_MASKED, HDR_L4_SPORT);
        FIELDS.put(Criterion.Type.UDP_SRC, HDR_L4_SPORT);
        FIELDS.put(Criterion.Type.UDP_SRC_MASKED, HDR_L4_SPORT);
        FIELDS.put(Criterion.Type.TCP_DST, HDR_L4_DPORT);
        FIELDS.put(Criterion.Type.TCP_DST_MASKED, HDR_L4_DPORT);
        FIELDS.put(Criterion.Type.UDP_DST, HDR_L4_DPORT);
        FIELDS.put(Criterion.Type.UDP_DST_MASKED, HDR_L4_DPORT);
    }

    private CriterionTranslator() {
    }

    /** The program's match field for an ONOS criterion type, if it has one. */
    public static Optional<PiMatchFieldId> fieldOf(Criterion.Type type) {
        return Optional.ofNullable(FIELDS.get(type));
    }

    /**
     * A selector's criteria as ternary matches of a table (PI criteria in the selector are kept as they are).
     *
     * @return the matches, or empty for a selector that matches everything
     * @throws PiInterpreterException naming the criterion the table cannot match
     */
    public static Optional<PiCriterion> toTernary(TrafficSelector selector, PiTableModel table)
            throws PiInterpreterException {
        PiCriterion.Builder b = PiCriterion.builder();
        boolean any = false;
        for (Criterion c : selector.criteria()) {
            if (c.type() == Criterion.Type.PROTOCOL_INDEPENDENT) {
                for (var m : ((PiCriterion) c).fieldMatches()) {
                    field(table, m.fieldId(), c);
                }
                return Optional.of((PiCriterion) c);
            }
            PiMatchFieldId id = fieldOf(c.type()).orElseThrow(() -> new PiInterpreterException(
                    "intstream.p4 has no match field for criterion " + c + " (table " + table.id() + ")"));
            PiMatchFieldModel field = field(table, id, c);
            if (field.matchType() != PiMatchType.TERNARY) {
                throw new PiInterpreterException("match field " + id + " of table " + table.id() + " is "
                        + field.matchType() + ", not ternary");
            }
            BigInteger[] vm = valueAndMask(c, field.bitWidth());
            // P4Runtime refuses bits of the value outside the mask.
            b.matchTernary(id, fit(vm[0].and(vm[1]), field, c), fit(vm[1], field, c));
            any = true;
        }
        return any ? Optional.of(b.build()) : Optional.empty();
    }

    /** A value as the bytes of a field of the given width (what P4Runtime expects). */
    static byte[] fit(BigInteger value, PiMatchFieldModel field, Object what) throws PiInterpreterException {
        try {
            return ImmutableByteSequence.copyFrom(value.toByteArray()).fit(field.bitWidth()).asArray();
        } catch (ImmutableByteSequence.ByteSequenceTrimException e) {
            throw new PiInterpreterException(what + ": value " + value + " does not fit the " + field.bitWidth()
                    + " bits of match field " + field.id());
        }
    }

    private static PiMatchFieldModel field(PiTableModel table, PiMatchFieldId id, Criterion c)
            throws PiInterpreterException {
        return table.matchField(id).orElseThrow(() -> new PiInterpreterException(
                "table " + table.id() + " has no match field " + id + " for criterion " + c));
    }

    private static BigInteger[] valueAndMask(Criterion c, int width) throws PiInterpreterException {
        BigInteger all = BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE);
        switch (c.type()) {
            case IN_PORT:
                return pair(((PortCriterion) c).port().toLong(), all);
            case ETH_DST:
            case ETH_DST_MASKED:
            case ETH_SRC:
            case ETH_SRC_MASKED: {
                EthCriterion e = (EthCriterion) c;
                return new BigInteger[] {mac(e.mac()), e.mask() == null ? all : mac(e.mask())};
            }
            case ETH_TYPE:
                return pair(((EthTypeCriterion) c).ethType().toShort() & 0xFFFF, all);
            case IP_PROTO:
                return pair(((IPProtocolCriterion) c).protocol(), all);
            case IPV4_SRC:
            case IPV4_DST: {
                IpPrefix p = ((IPCriterion) c).ip();
                long mask = p.prefixLength() == 0 ? 0 : (0xFFFFFFFFL << (32 - p.prefixLength())) & 0xFFFFFFFFL;
                return new BigInteger[] {BigInteger.valueOf(p.address().getIp4Address().toInt() & 0xFFFFFFFFL),
                    BigInteger.valueOf(mask)};
            }
            case TCP_SRC:
            case TCP_SRC_MASKED:
            case TCP_DST:
            case TCP_DST_MASKED: {
                TcpPortCriterion t = (TcpPortCriterion) c;
                return new BigInteger[] {BigInteger.valueOf(t.tcpPort().toInt()),
                    t.mask() == null ? all : BigInteger.valueOf(t.mask().toInt())};
            }
            case UDP_SRC:
            case UDP_SRC_MASKED:
            case UDP_DST:
            case UDP_DST_MASKED: {
                UdpPortCriterion u = (UdpPortCriterion) c;
                return new BigInteger[] {BigInteger.valueOf(u.udpPort().toInt()),
                    u.mask() == null ? all : BigInteger.valueOf(u.mask().toInt())};
            }
            default:
                throw new PiInterpreterException("intstream.p4 has no match field for criterion " + c);
        }
    }

    private static BigInteger[] pair(long value, BigInteger mask) {
        return new BigInteger[] {BigInteger.valueOf(value), mask};
    }

    private static BigInteger mac(MacAddress m) {
        return new BigInteger(1, m.toBytes());
    }
}
