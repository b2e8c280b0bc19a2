package org.intstream.onos.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.intstream.controller.dataplane.SlotHit;
import org.onlab.packet.Ip4Address;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;

/**
 * A key a switch slot reported, as JSON: query, slot, epoch, window start (microseconds) and the masked
 * 5-tuple (fields outside the query's key are zero).
 */
public final class SlotHitCodec extends JsonCodec<SlotHit> {
    static final String QUERY = "query";
    static final String SLOT = "slot";
    static final String EPOCH = "epoch";
    static final String WINDOW_START_US = "windowStartUs";
    static final String KEY = "key";

    @Override
    public ObjectNode encode(SlotHit hit, CodecContext context) {
        ObjectNode json = context.mapper().createObjectNode()
                .put(QUERY, hit.query())
                .put(SLOT, hit.slot())
                .put(EPOCH, hit.epoch())
                .put(WINDOW_START_US, hit.windowStartMicros());
        int[] k = hit.key();
        json.putObject(KEY)
                .put("src", Ip4Address.valueOf(k[0]).toString())
                .put("dst", Ip4Address.valueOf(k[1]).toString())
                .put("proto", k[2])
                .put("sport", k[3])
                .put("dport", k[4]);
        return json;
    }
}
