package org.intstream.onos.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import org.intstream.onos.AppConstants;
import org.intstream.onos.IntStreamQuery;
import org.intstream.onos.IntStreamQueryStore;
import org.intstream.onos.QueryStatus;
import org.onlab.util.KryoNamespace;
import org.onosproject.core.CoreService;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.Serializer;
import org.onosproject.store.service.StorageService;
import org.onosproject.store.service.Versioned;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submitted queries in an ONOS {@link ConsistentMap} (query name → {@link IntStreamQuery}): they survive a
 * restart of the app or of ONOS and are the same on every node of a cluster.
 */
@Component(immediate = true, service = IntStreamQueryStore.class)
public class DistributedIntStreamQueryStore implements IntStreamQueryStore {
    /** The map's name in ONOS's storage (what {@code maps} in the ONOS CLI lists). */
    public static final String MAP_NAME = "intstream-queries";

    /** Every class a stored value is made of; Kryo refuses unregistered ones. */
    static final Serializer SERIALIZER = Serializer.using(KryoNamespace.newBuilder()
            .register(IntStreamQuery.class, QueryStatus.class, HashMap.class, ArrayList.class)
            .build(MAP_NAME));

    private final Logger log = LoggerFactory.getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    StorageService storageService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    CoreService coreService;

    private ConsistentMap<String, IntStreamQuery> queries;

    @Activate
    protected void activate() {
        queries = storageService.<String, IntStreamQuery>consistentMapBuilder()
                .withName(MAP_NAME)
                .withSerializer(SERIALIZER)
                .withApplicationId(coreService.registerApplication(AppConstants.APP_NAME))
                .build();
        log.info("Started");
    }

    @Deactivate
    protected void deactivate() {
        log.info("Stopped");
    }

    @Override
    public boolean add(IntStreamQuery query) {
        return queries.putIfAbsent(query.name(), query) == null;
    }

    @Override
    public void update(IntStreamQuery query) {
        queries.put(query.name(), query);
    }

    @Override
    public Optional<IntStreamQuery> remove(String name) {
        return Optional.ofNullable(Versioned.valueOrNull(queries.remove(name)));
    }

    @Override
    public Optional<IntStreamQuery> get(String name) {
        return Optional.ofNullable(Versioned.valueOrNull(queries.get(name)));
    }

    @Override
    public List<IntStreamQuery> queries() {
        List<IntStreamQuery> out = new ArrayList<>();
        for (Versioned<IntStreamQuery> v : queries.values()) {
            out.add(v.value());
        }
        out.sort(Comparator.comparing(IntStreamQuery::name));
        return out;
    }
}
