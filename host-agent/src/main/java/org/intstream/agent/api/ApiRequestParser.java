package org.intstream.agent.api;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.intstream.agent.measure.CounterKeyType;
import org.intstream.agent.measure.FilterChain;
import org.intstream.agent.measure.Increment;
import org.intstream.agent.measure.Protocol;
import org.intstream.agent.measure.SketchFilter;

/**
 * Checks a message's fields and builds its {@link ApiRequest}. Every refusal is a 400 whose reason names
 * the field: missing, unknown for the message's type, or with a value that is not one of those allowed.
 * Names of types and enumerated values are matched without regard to case.
 */
public final class ApiRequestParser {
    /** The {@code counter_key} value that asks for the real-time counter's number of distinct keys. */
    public static final String REAL_TIME_KEY_NUM = "real_time_key_num";

    private static final List<String> TYPES = List.of("config sketch", "config sketch counter",
            "query heavy hitters", "query sketch", "query real time counter", "query bw", "delete sketch");

    private ApiRequestParser() {
    }

    public static ApiRequest parse(Map<String, String> message) throws ApiException {
        Fields fields = new Fields(message);
        String type = fields.required("type").strip().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
        ApiRequest request;
        switch (type) {
            case "config sketch":
                request = new ApiRequest.ConfigSketch(new SketchFilter(chain(fields), protocol(fields)));
                break;
            case "config sketch counter":
                request = new ApiRequest.ConfigSketchCounter(sketchId(fields), keyType(fields), increment(fields));
                break;
            case "query heavy hitters":
                request = new ApiRequest.QueryHeavyHitters(sketchId(fields), keyType(fields), threshold(fields));
                break;
            case "query sketch": {
                int id = sketchId(fields);
                CounterKeyType keyType = keyType(fields);
                String key = fields.required("counter_key").strip();
                if (key.equalsIgnoreCase(REAL_TIME_KEY_NUM)) {
                    request = new ApiRequest.QuerySketch(id, keyType, 0, true);
                } else {
                    request = new ApiRequest.QuerySketch(id, keyType, counterKey(keyType, key), false);
                }
                break;
            }
            case "query real time counter":
                request = new ApiRequest.QueryRealTimeCounter(sketchId(fields), keyType(fields));
                break;
            case "query bw":
                request = new ApiRequest.QueryBandwidth(address(fields, "src"), address(fields, "dst"));
                break;
            case "delete sketch":
                request = new ApiRequest.DeleteSketch(sketchId(fields));
                break;
            default:
                throw ApiException.badField("type", "unknown message type '" + MessageFields.shortened(type)
                        + "'; known types: " + String.join(", ", TYPES));
        }
        fields.checkAllUsed(type);
        return request;
    }

    private static FilterChain chain(Fields fields) throws ApiException {
        String value = fields.required("interface");
        FilterChain chain = FilterChain.byName(value.strip());
        if (chain == null) {
            throw ApiException.badField("interface", "must be INPUT or OUTPUT, not '" + MessageFields.shortened(value)
                    + "'");
        }
        return chain;
    }

    /** Null (every protocol) when the field is absent. */
    private static Protocol protocol(Fields fields) throws ApiException {
        String value = fields.optional("proto");
        if (value == null) {
            return null;
        }
        Protocol protocol = Protocol.byName(value.strip());
        if (protocol == null) {
            throw ApiException.badField("proto", "must be tcp, udp or icmp (or left out for every protocol), not '"
                    + MessageFields.shortened(value) + "'");
        }
        return protocol;
    }

    private static int sketchId(Fields fields) throws ApiException {
        String value = fields.required("sketch_id").strip();
        if (!value.matches("[0-9]{1,10}") || Long.parseLong(value) > Integer.MAX_VALUE || Long.parseLong(value) < 1) {
            throw ApiException.badField("sketch_id", "must be a sketch id (a positive integer that 'config sketch' "
                    + "answered), not '" + MessageFields.shortened(value) + "'");
        }
        return Integer.parseInt(value);
    }

    private static CounterKeyType keyType(Fields fields) throws ApiException {
        String value = fields.required("counter_key_type");
        CounterKeyType keyType = CounterKeyType.byName(value.strip());
        if (keyType == null) {
            throw ApiException.badField("counter_key_type", "must be one of "
                    + Arrays.stream(CounterKeyType.values()).map(CounterKeyType::text).collect(Collectors.joining(", "))
                    + ", not '" + MessageFields.shortened(value) + "'");
        }
        return keyType;
    }

    private static Increment increment(Fields fields) throws ApiException {
        String value = fields.required("increment");
        Increment increment = Increment.byName(value.strip());
        if (increment == null) {
            throw ApiException.badField("increment", "must be pkt or bytes, not '" + MessageFields.shortened(value)
                    + "'");
        }
        return increment;
    }

    /** NaN when absent: the agent's default applies. */
    private static double threshold(Fields fields) throws ApiException {
        String value = fields.optional("threshold");
        if (value == null) {
            return Double.NaN;
        }
        double threshold;
        try {
            threshold = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            threshold = Double.NaN;
        }
        if (!(threshold > 0 && threshold <= 1)) {
            throw ApiException.badField("threshold", "must be a fraction of the counter's total, greater than 0 and "
                    + "at most 1 (0.05 for 5%), not '" + MessageFields.shortened(value) + "'");
        }
        return threshold;
    }

    private static long counterKey(CounterKeyType keyType, String key) throws ApiException {
        try {
            return keyType.parse(key);
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("counter_key", e.getMessage() + ", or " + REAL_TIME_KEY_NUM);
        }
    }

    private static InetAddress address(Fields fields, String name) throws ApiException {
        String value = fields.required(name).strip();
        try {
            return IpLiteral.parse(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badField(name, "must be an IP address such as 10.0.0.5: " + e.getMessage());
        }
    }

    /** A message's fields, remembering which were read so that unknown ones can be refused. */
    private static final class Fields {
        private final Map<String, String> remaining;

        Fields(Map<String, String> message) {
            this.remaining = new LinkedHashMap<>(message);
        }

        String required(String name) throws ApiException {
            String value = remaining.remove(name);
            if (value == null) {
                throw ApiException.badField(name, "missing");
            }
            if (value.isBlank()) {
                throw ApiException.badField(name, "empty");
            }
            return value;
        }

        String optional(String name) {
            return remaining.remove(name);
        }

        void checkAllUsed(String type) throws ApiException {
            if (!remaining.isEmpty()) {
                String name = remaining.keySet().iterator().next();
                throw ApiException.badField(MessageFields.shortened(name), "not a field of '" + type + "' messages");
            }
        }
    }
}
