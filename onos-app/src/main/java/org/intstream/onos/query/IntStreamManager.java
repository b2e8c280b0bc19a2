package org.intstream.onos.query;

import static org.intstream.onos.query.OsgiPropertyConstants.RESULTS_PER_QUERY;
import static org.intstream.onos.query.OsgiPropertyConstants.RESULTS_PER_QUERY_DEFAULT;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.intstream.controller.agent.AgentStatus;
import org.intstream.controller.dataplane.SlotHit;
import org.intstream.onos.AppConstants;
import org.intstream.onos.IntStreamQuery;
import org.intstream.onos.IntStreamQueryStore;
import org.intstream.onos.IntStreamService;
import org.intstream.onos.QueryStatus;
import org.intstream.onos.SlotHitListener;
import org.intstream.onos.SwitchSlotService;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.switchgen.SlotProgram;
import org.onosproject.cfg.ComponentConfigService;
import org.onosproject.net.Device;
import org.onosproject.net.DeviceId;
import org.onosproject.net.device.DeviceEvent;
import org.onosproject.net.device.DeviceListener;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.pi.service.PiPipeconfService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs submitted queries in ONOS: compiles them, places their switch stage in a slot of every available
 * device running IntStream's pipeconf (and of such devices as they appear), records them in the query store,
 * and keeps the keys the switches report, per query and bounded. Queries found in the store at activation
 * (the store outlives the app) are placed again.
 */
@Component(immediate = true, service = IntStreamService.class,
        property = {RESULTS_PER_QUERY + ":Integer=" + RESULTS_PER_QUERY_DEFAULT})
public class IntStreamManager implements IntStreamService {
    private final Logger log = LoggerFactory.getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    IntStreamQueryStore store;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    SwitchSlotService slotService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    DeviceService deviceService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    PiPipeconfService pipeconfService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    ComponentConfigService cfgService;

    private final InternalSlotHitListener hitListener = new InternalSlotHitListener();
    private final InternalDeviceListener deviceListener = new InternalDeviceListener();
    private final Map<String, Deque<SlotHit>> results = new HashMap<>();
    /** How many reported keys to keep per query, the oldest dropped first; default 1000. */
    private volatile int resultsPerQuery = RESULTS_PER_QUERY_DEFAULT;

    @Activate
    protected void activate(Map<String, Object> properties) {
        cfgService.registerProperties(IntStreamManager.class);
        modified(properties);
        slotService.addListener(hitListener);
        deviceService.addListener(deviceListener);
        synchronized (this) {
            for (IntStreamQuery stored : store.queries()) {
                placeAgain(stored);
            }
        }
        log.info("Started");
    }

    @Deactivate
    protected void deactivate() {
        deviceService.removeListener(deviceListener);
        slotService.removeListener(hitListener);
        cfgService.unregisterProperties(IntStreamManager.class, false);
        synchronized (this) {
            results.clear();
        }
        log.info("Stopped");
    }

    @Modified
    protected void modified(Map<String, Object> properties) {
        Object value = properties == null ? null : properties.get(RESULTS_PER_QUERY);
        int n = RESULTS_PER_QUERY_DEFAULT;
        if (value != null) {
            try {
                n = Integer.parseInt(value.toString().trim());
            } catch (NumberFormatException e) {
                n = -1;
            }
        }
        if (n < 1) {
            log.warn("{} must be a positive integer, not '{}'; keeping {}", RESULTS_PER_QUERY, value,
                    resultsPerQuery);
            return;
        }
        resultsPerQuery = n;
        log.info("Keeping the last {} reported keys per query", n);
    }

    @Override
    public IntStreamQuery submit(String text, Map<String, String> parameters) {
        CompiledQuery q = CompiledQuery.compile(text, parameters);
        synchronized (this) {
            if (store.get(q.name()).isPresent()) {
                throw new IllegalArgumentException("query " + q.name() + " is already submitted; remove it first");
            }
            IntStreamQuery record = place(q, text);
            if (!store.add(record)) {
                unplace(record);
                throw new IllegalArgumentException("query " + q.name() + " was submitted meanwhile; remove it first");
            }
            results.put(q.name(), new ArrayDeque<>());
            log.info("Submitted {}", record);
            return record;
        }
    }

    @Override
    public synchronized IntStreamQuery remove(String name) {
        IntStreamQuery q = store.remove(name).orElseThrow(() -> unknown(name));
        unplace(q);
        results.remove(name);
        log.info("Removed query {}", name);
        return q;
    }

    @Override
    public List<IntStreamQuery> queries() {
        return store.queries();
    }

    @Override
    public Optional<IntStreamQuery> query(String name) {
        return store.get(name);
    }

    @Override
    public synchronized List<SlotHit> results(String name) {
        if (store.get(name).isEmpty()) {
            throw unknown(name);
        }
        Deque<SlotHit> hits = results.get(name);
        return hits == null ? List.of() : List.copyOf(hits);
    }

    @Override
    public String explain(String text, Map<String, String> parameters) {
        CompiledQuery q = CompiledQuery.compile(text, parameters);
        return QueryExplainer.explain(q, intStreamDevices().stream().map(DeviceId::toString)
                .collect(Collectors.toList()));
    }

    @Override
    public List<AgentStatus> agents() {
        // No agent endpoint in the ONOS app yet: agents connect to the standalone controller.
        return List.of();
    }

    /** Installs the switch stage on every device running the pipeconf; all or nothing. */
    private IntStreamQuery place(CompiledQuery q, String text) {
        if (q.switchStage().isEmpty()) {
            return new IntStreamQuery(q.name(), text, q.parameters(), QueryStatus.HOSTS_ONLY, List.of(),
                    q.hostsOnlyReason().orElseThrow());
        }
        SwitchStage stage = q.switchStage().get();
        List<String> placed = new ArrayList<>();
        List<DeviceId> installedNow = new ArrayList<>();
        try {
            for (DeviceId d : intStreamDevices()) {
                if (ensureInstalled(d, stage)) {
                    installedNow.add(d);
                }
                placed.add(d.toString());
            }
        } catch (RuntimeException e) {
            for (DeviceId d : installedNow) {
                slotService.remove(d, q.name());
            }
            throw e;
        }
        String note = q.split().mode().name().toLowerCase().replace('_', '-') + ": "
                + String.join("; ", q.split().notes());
        return new IntStreamQuery(q.name(), text, q.parameters(),
                placed.isEmpty() ? QueryStatus.WAITING_FOR_SWITCHES : QueryStatus.ON_SWITCHES, placed, note);
    }

    /**
     * Installs a stage on a device unless the device already holds exactly that stage (the slot manager
     * outlives a restart of this component); a different stage under the query's name is replaced.
     *
     * @return whether this call installed it
     */
    private boolean ensureInstalled(DeviceId device, SwitchStage stage) {
        for (SlotProgram p : slotService.installed(device)) {
            if (p.stage().query().equals(stage.query())) {
                if (p.stage().equals(stage)) {
                    return false;
                }
                slotService.remove(device, stage.query());
            }
        }
        slotService.install(device, stage);
        return true;
    }

    /** A stored query after a restart of the app: slot assignments are gone, so it is placed again. */
    private void placeAgain(IntStreamQuery stored) {
        results.put(stored.name(), new ArrayDeque<>());
        try {
            CompiledQuery q = CompiledQuery.compile(stored.text(), stored.parameters());
            IntStreamQuery placed = place(q, stored.text());
            store.update(placed);
        } catch (RuntimeException e) {
            log.warn("Stored query {} cannot be placed again: {}", stored.name(), e.getMessage());
            store.update(stored.withPlacement(QueryStatus.WAITING_FOR_SWITCHES, List.of()));
        }
    }

    private void unplace(IntStreamQuery q) {
        for (String d : q.devices()) {
            try {
                slotService.remove(DeviceId.deviceId(d), q.name());
            } catch (IllegalArgumentException e) {
                log.warn("Query {} was no longer on {}: {}", q.name(), d, e.getMessage());
            }
        }
    }

    /** Adds the switch stages of the stored queries to a device that came up running the pipeconf. */
    private synchronized void deviceReady(DeviceId device) {
        for (IntStreamQuery stored : store.queries()) {
            if (stored.status() == QueryStatus.HOSTS_ONLY || stored.devices().contains(device.toString())) {
                continue;
            }
            try {
                CompiledQuery q = CompiledQuery.compile(stored.text(), stored.parameters());
                ensureInstalled(device, q.switchStage().orElseThrow());
                List<String> devices = new ArrayList<>(stored.devices());
                devices.add(device.toString());
                store.update(stored.withPlacement(QueryStatus.ON_SWITCHES, devices));
            } catch (RuntimeException e) {
                log.warn("Query {} cannot be placed on {}: {}", stored.name(), device, e.getMessage());
            }
        }
    }

    private List<DeviceId> intStreamDevices() {
        List<DeviceId> out = new ArrayList<>();
        for (Device d : deviceService.getAvailableDevices()) {
            if (runsIntStream(d.id())) {
                out.add(d.id());
            }
        }
        out.sort((a, b) -> a.toString().compareTo(b.toString()));
        return out;
    }

    private boolean runsIntStream(DeviceId device) {
        return pipeconfService.getPipeconf(device).map(p -> p.id().equals(AppConstants.PIPECONF_ID)).orElse(false);
    }

    private IllegalArgumentException unknown(String name) {
        List<String> names = store.queries().stream().map(IntStreamQuery::name).collect(Collectors.toList());
        return new IllegalArgumentException("no query named " + name + " is submitted"
                + (names.isEmpty() ? " (none is)" : "; submitted: " + String.join(", ", names)));
    }

    /** Keeps each reported key under its query, dropping the oldest past the bound. */
    private final class InternalSlotHitListener implements SlotHitListener {
        @Override
        public void hit(DeviceId device, SlotHit hit) {
            synchronized (IntStreamManager.this) {
                Deque<SlotHit> hits = results.get(hit.query());
                if (hits == null) {
                    return;
                }
                hits.addLast(hit);
                while (hits.size() > resultsPerQuery) {
                    hits.removeFirst();
                }
            }
        }
    }

    private final class InternalDeviceListener implements DeviceListener {
        @Override
        public boolean isRelevant(DeviceEvent event) {
            return (event.type() == DeviceEvent.Type.DEVICE_ADDED
                    || event.type() == DeviceEvent.Type.DEVICE_AVAILABILITY_CHANGED)
                    && deviceService.isAvailable(event.subject().id());
        }

        @Override
        public void event(DeviceEvent event) {
            DeviceId device = event.subject().id();
            if (runsIntStream(device)) {
                deviceReady(device);
            }
        }
    }
}
