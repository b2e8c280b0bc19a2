package org.intstream.onos.runtime;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Component property values as ONOS's component config hands them over (strings or numbers), checked. */
final class PropertyValues {
    private static final Logger LOG = LoggerFactory.getLogger(PropertyValues.class);

    private PropertyValues() {
    }

    static String string(Map<String, Object> properties, String name, String fallback) {
        Object v = properties == null ? null : properties.get(name);
        return v == null ? fallback : v.toString().trim();
    }

    /** true or false (any case); anything else is logged and the default kept. */
    static boolean bool(Map<String, Object> properties, String name, boolean fallback) {
        Object v = properties == null ? null : properties.get(name);
        if (v == null) {
            return fallback;
        }
        String text = v.toString().trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        LOG.warn("{} must be true or false, not '{}'; using {}", name, v, fallback);
        return fallback;
    }

    /** Comma-separated items, blanks dropped. */
    static Set<String> list(String value) {
        Set<String> items = new LinkedHashSet<>();
        if (value != null) {
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
        }
        return Set.copyOf(items);
    }

    static long anyLong(Map<String, Object> properties, String name, long fallback) {
        return parse(properties, name, fallback, Long.MIN_VALUE, "a whole number");
    }

    static long nonNegativeLong(Map<String, Object> properties, String name, long fallback) {
        return parse(properties, name, fallback, 0, "a whole number of at least 0");
    }

    static long positiveLong(Map<String, Object> properties, String name, long fallback) {
        return parse(properties, name, fallback, 1, "a positive whole number");
    }

    /** A bad value is logged and the default kept: a typo in the config must not stop the component. */
    private static long parse(Map<String, Object> properties, String name, long fallback, long min, String what) {
        Object v = properties == null ? null : properties.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.toString().trim());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.warn("{} must be {}, not '{}'; using {}", name, what, v, fallback);
        return fallback;
    }
}
