package org.intstream.engine.eval;

import org.intstream.engine.packet.Packet;
import org.intstream.engine.record.PacketRecord;
import org.intstream.engine.record.Record;
import org.intstream.query.expr.FieldCatalog;
import org.intstream.query.type.Type;

/**
 * Reads one of the hottest packet fields straight from the packet, without the record's column switch:
 * the per-packet path of every query reads these. Other fields and row columns use {@link ColumnEvaluator}.
 */
public final class PacketFieldEvaluator extends Evaluator {
    private final int slot;
    private final long presence;
    private final ColumnEvaluator fallback;

    private PacketFieldEvaluator(int slot, Type type) {
        super(type);
        this.slot = slot;
        int bit = slot >= FieldCatalog.FLAG_BASE && slot < FieldCatalog.FLAG_BASE + 8 ? Packet.TCP_FLAGS : slot;
        this.presence = 1L << bit;
        this.fallback = new ColumnEvaluator(slot, type);
    }

    /** A fast evaluator for this catalogue slot, or null when the slot has none. */
    public static Evaluator forSlot(int slot, Type type) {
        switch (slot) {
            case FieldCatalog.TS:
            case FieldCatalog.LEN:
            case FieldCatalog.IP_SRC:
            case FieldCatalog.IP_DST:
            case FieldCatalog.IP_PROTO:
            case FieldCatalog.IP_VERSION:
            case FieldCatalog.L4_SPORT:
            case FieldCatalog.L4_DPORT:
            case FieldCatalog.TCP_FLAGS:
                return new PacketFieldEvaluator(slot, type);
            default:
                if (slot >= FieldCatalog.FLAG_BASE && slot < FieldCatalog.FLAG_BASE + 8) {
                    return new PacketFieldEvaluator(slot, type);
                }
                return null;
        }
    }

    private long value(Packet p) {
        switch (slot) {
            case FieldCatalog.TS: return p.ts;
            case FieldCatalog.LEN: return p.len;
            case FieldCatalog.IP_SRC: return p.ip4Src & 0xFFFFFFFFL;
            case FieldCatalog.IP_DST: return p.ip4Dst & 0xFFFFFFFFL;
            case FieldCatalog.IP_PROTO: return p.ipProto;
            case FieldCatalog.IP_VERSION: return p.ipVersion;
            case FieldCatalog.L4_SPORT: return p.sport;
            case FieldCatalog.L4_DPORT: return p.dport;
            case FieldCatalog.TCP_FLAGS: return p.tcpFlags;
            default: return (p.tcpFlags >>> (slot - FieldCatalog.FLAG_BASE)) & 1;
        }
    }

    @Override
    public long evalLong(Record r) {
        Packet p = ((PacketRecord) r).packet();
        if ((p.present & presence) == 0) {
            r.absent = true;
            return 0;
        }
        return value(p);
    }

    @Override
    public double evalDouble(Record r) {
        return evalLong(r);
    }

    @Override
    public int test(Record r) {
        Packet p = ((PacketRecord) r).packet();
        if ((p.present & presence) == 0) {
            return UNKNOWN;
        }
        return value(p) != 0 ? TRUE : FALSE;
    }

    @Override
    public long ip4(Record r) {
        Packet p = ((PacketRecord) r).packet();
        if ((p.present & presence) == 0) {
            r.absent = true;
            return 0;
        }
        return p.ipVersion == 4 ? value(p) : -1;
    }

    @Override
    public Object eval(Record r) {
        return fallback.eval(r);
    }
}
