package org.intstream.onos.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.onosproject.codec.CodecService;
import org.onosproject.codec.JsonCodec;

/** Codecs in a map, as ONOS's codec manager keeps them. */
public class TestCodecService implements CodecService {
    private final Map<Class<?>, JsonCodec<?>> codecs = new HashMap<>();

    @Override
    public synchronized Set<Class<?>> getCodecs() {
        return Set.copyOf(codecs.keySet());
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <T> JsonCodec<T> getCodec(Class<T> type) {
        return (JsonCodec<T>) codecs.get(type);
    }

    @Override
    public synchronized <T> void registerCodec(Class<T> type, JsonCodec<T> codec) {
        codecs.put(type, codec);
    }

    @Override
    public synchronized void unregisterCodec(Class<?> type) {
        codecs.remove(type);
    }
}
