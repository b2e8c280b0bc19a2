package org.intstream.onos.felix.standin;

import org.onosproject.store.service.AsyncConsistentMap;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.ConsistentMapBuilder;

/**
 * The {@link ConsistentMapBuilder} a stand-in StorageService hands out inside the OSGi framework: ONOS's
 * builder is an abstract class, which a dynamic proxy cannot be, so BundleActivationIT packs this class into
 * a small bundle of its own, wired to the onos-api bundle. It builds the map it is given.
 */
public final class StandInConsistentMapBuilder<K, V> extends ConsistentMapBuilder<K, V> {
    private final ConsistentMap<K, V> map;

    @SuppressWarnings("unchecked")
    public StandInConsistentMapBuilder(Object map) {
        this.map = (ConsistentMap<K, V>) map;
    }

    @Override
    public ConsistentMap<K, V> build() {
        return map;
    }

    @Override
    public AsyncConsistentMap<K, V> buildAsyncMap() {
        throw new UnsupportedOperationException("the stand-in storage builds synchronous maps only");
    }
}
