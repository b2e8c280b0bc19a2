package org.intstream.onos.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.intstream.onos.IntStreamQuery;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;

/** A submitted query as JSON: name, status, devices, parameters, whether estimates are allowed, note and text. */
public final class QueryCodec extends JsonCodec<IntStreamQuery> {
    static final String NAME = "name";
    static final String STATUS = "status";
    static final String DEVICES = "devices";
    static final String PARAMETERS = "parameters";
    static final String NOTE = "note";
    static final String TEXT = "text";
    /** The submitter's leave for switch estimates of an exact query (optional in a submission). */
    static final String ESTIMATES = "estimates";

    @Override
    public ObjectNode encode(IntStreamQuery query, CodecContext context) {
        ObjectNode json = context.mapper().createObjectNode()
                .put(NAME, query.name())
                .put(STATUS, query.status().name());
        ArrayNode devices = json.putArray(DEVICES);
        query.devices().forEach(devices::add);
        ObjectNode parameters = json.putObject(PARAMETERS);
        for (Map.Entry<String, String> p : query.parameters().entrySet()) {
            parameters.put(p.getKey(), p.getValue());
        }
        return json.put(ESTIMATES, query.estimatesAllowed()).put(NOTE, query.note()).put(TEXT, query.text());
    }
}
