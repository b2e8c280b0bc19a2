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
import org.intstream.controller.merge.MergedWindow;
import org.intstream.controller.dataplane.SwitchRuntime;
import org.intstream.controller.query.DeployedQuery;
import org.intstream.controller.runtime.ControllerCore;
import org.intstream.query.QueryException;
import org.intstream.onos.AppConstants;
import org.intstream.onos.IntStreamQuery;
import org.intstream.onos.IntStreamQueryStore;
import org.intstream.onos.IntStreamRuntimeService;
import org.intstream.onos.IntStreamService;
import org.intstream.onos.QueryStatus;
import org.intstream.onos.SlotHitListener;
import org.intstream.onos.SwitchSlotService;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.switchgen.SlotProgram;
import org.onosproject.cfg.ComponentConfigService;
import org.onosproject.mastership.MastershipEvent;
import org.onosproject.mastership.MastershipListener;
import org.onosproject.mastership.MastershipService;
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
 * device running IntStream's pipeconf that this instance is the master of (and of such devices as they appear
 * or as this instance becomes their master), records them in the query store, deploys them in the controller
 * core (which merges the switches' epochs with the agents' partials into windows), and keeps the keys the
 * switches report, per query and bounded. Queries found in the store at activation (the store outlives the
 * app) are placed and deployed again.
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

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    MastershipService mastershipService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    IntStreamRuntimeService runtime;

    private final InternalSlotHitListener hitListener = new InternalSlotHitListener();
    private final InternalDeviceListener deviceListener = new InternalDeviceListener();
    private final InternalMastershipListener mastershipListener = new InternalMastershipListener();
    private final Map<String, Deque<SlotHit>> results = new HashMap<>();
    /** How many reported keys to keep per query, the oldest dropped first; default 1000. */
    private volatile int resultsPerQuery = RESULTS_PER_QUERY_DEFAULT;

    @Activate
    protected void activate(Map<String, Object> properties) {
        cfgService.registerProperties(IntStreamManager.class);
        modified(properties);
        slotService.addListener(hitListener);
        deviceService.addListener(deviceListener);
        mastershipService.addListener(mastershipListener);
        synchronized (this) {
            for (IntStreamQuery stored : store.queries()) {
                placeAgain(stored);
            }
        }
        log.info("Started");
    }

    @Deactivate
    protected void deactivate() {
        mastershipService.removeListener(mastershipListener);
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
    public IntStreamQuery submit(String text, Map<String, String> parameters, boolean estimatesAllowed) {
        CompiledQuery q = CompiledQuery.compile(text, parameters);
        synchronized (this) {
            if (store.get(q.name()).isPresent()) {
                throw new IllegalArgumentException("query " + q.name() + " is already submitted; remove it first");
            }
            // The core first: it installs the switch stage with the network-wide local threshold, which the
            // placement below then adopts; the placement checks every device holds it (or none does).
            deploy(q.name(), text, q.parameters(), estimatesAllowed);
            IntStreamQuery record;
            try {
                record = place(q, text, estimatesAllowed);
            } catch (RuntimeException e) {
                core().queries().remove(q.name());
                throw e;
            }
            if (!store.add(record)) {
                core().queries().remove(record.name());
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
        core().queries().remove(name);
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
    public List<MergedWindow> windows(String name) {
        if (store.get(name).isEmpty()) {
            throw unknown(name);
        }
        return core().results().windows(name);
    }

    @Override
    public String explain(String text, Map<String, String> parameters) {
        CompiledQuery q = CompiledQuery.compile(text, parameters);
        return QueryExplainer.explain(q, intStreamDevices().stream().map(DeviceId::toString)
                .collect(Collectors.toList()));
    }

    @Override
    public List<AgentStatus> agents() {
        return core().agents().status();
    }

    private ControllerCore core() {
        return runtime.core();
    }

    /**
     * Deploys a query in the core: it merges the query's windows and installs its local stage on the agents
     * (and its switch stage on the devices, adopting what {@link #place} put in their slots).
     *
     * @throws IllegalArgumentException with the compiler's reason when the core can't split the query
     */
    private void deploy(String name, String text, Map<String, String> parameters, boolean estimatesAllowed) {
        DeployedQuery running = core().queries().get(name);
        if (running != null && running.text().equals(text) && running.parameters().equals(parameters)
                && running.estimatesAllowedBySubmitter() == estimatesAllowed) {
            return;
        }
        if (running != null) {
            core().queries().remove(name); // a stored definition that changed while the app was down
        }
        try {
            core().queries().submit(text, parameters, estimatesAllowed);
        } catch (QueryException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Installs the switch stage on every device running the pipeconf; all or nothing. An exact query whose
     * submitter allowed no estimates stays at the hosts: a slot counts in a count-min sketch.
     */
    private IntStreamQuery place(CompiledQuery q, String text, boolean estimatesAllowed) {
        if (q.switchStage().isEmpty()) {
            return new IntStreamQuery(q.name(), text, q.parameters(), QueryStatus.HOSTS_ONLY, List.of(),
                    q.hostsOnlyReason().orElseThrow(), estimatesAllowed);
        }
        DeployedQuery deployed = core().queries().get(q.name());
        if (deployed != null && !deployed.allowsEstimates()) {
            return new IntStreamQuery(q.name(), text, q.parameters(), QueryStatus.HOSTS_ONLY, List.of(),
                    SwitchRuntime.NOT_ESTIMATING, false);
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
                placed.isEmpty() ? QueryStatus.WAITING_FOR_SWITCHES : QueryStatus.ON_SWITCHES, placed, note,
                estimatesAllowed);
    }

    /**
     * Installs a stage on a device unless the device already holds that stage (the slot manager outlives a
     * restart of this component, and the controller core installs it with the local threshold of a
     * network-wide one); a different stage under the query's name is replaced.
     *
     * @return whether this call installed it
     */
    private boolean ensureInstalled(DeviceId device, SwitchStage stage) {
        for (SlotProgram p : slotService.installed(device)) {
            if (p.stage().query().equals(stage.query())) {
                if (p.stage().withThreshold(stage.threshold()).equals(stage)) {
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
            deploy(q.name(), stored.text(), stored.parameters(), stored.estimatesAllowed());
            IntStreamQuery placed = place(q, stored.text(), stored.estimatesAllowed());
            store.update(placed);
        } catch (RuntimeException e) {
            log.warn("Stored query {} cannot be placed again: {}", stored.name(), e.getMessage());
            store.update(stored.withPlacement(QueryStatus.WAITING_FOR_SWITCHES, List.of()));
        }
    }

    private void unplace(IntStreamQuery q) {
        for (String d : q.devices()) {
            DeviceId device = DeviceId.deviceId(d);
            if (slotService.installed(device).stream().noneMatch(p -> p.stage().query().equals(q.name()))) {
                continue; // removed by the core already, or programmed by another instance
            }
            try {
                slotService.remove(device, q.name());
            } catch (IllegalArgumentException e) {
                log.warn("Query {} was no longer on {}: {}", q.name(), d, e.getMessage());
            }
        }
    }

    /** Adds the switch stages of the stored queries to a device that came up running the pipeconf. */
    private synchronized void deviceReady(DeviceId device) {
        for (IntStreamQuery stored : store.queries()) {
            if (stored.status() == QueryStatus.HOSTS_ONLY) {
                continue;
            }
            try {
                CompiledQuery q = CompiledQuery.compile(stored.text(), stored.parameters());
                ensureInstalled(device, q.switchStage().orElseThrow());
                if (stored.devices().contains(device.toString())) {
                    continue; // placed before, by this instance or the device's previous master
                }
                List<String> devices = new ArrayList<>(stored.devices());
                devices.add(device.toString());
                store.update(stored.withPlacement(QueryStatus.ON_SWITCHES, devices));
            } catch (RuntimeException e) {
                log.warn("Query {} cannot be placed on {}: {}", stored.name(), device, e.getMessage());
            }
        }
    }

    /** The devices this instance places queries on: available, running the pipeconf, and mastered here. */
    private List<DeviceId> intStreamDevices() {
        List<DeviceId> out = new ArrayList<>();
        for (Device d : deviceService.getAvailableDevices()) {
            if (runsIntStream(d.id()) && mastershipService.isLocalMaster(d.id())) {
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
            if (runsIntStream(device) && mastershipService.isLocalMaster(device)) {
                deviceReady(device);
            }
        }
    }

    /** A device this instance became the master of gets the stored queries' stages from this instance. */
    private final class InternalMastershipListener implements MastershipListener {
        @Override
        public boolean isRelevant(MastershipEvent event) {
            return event.type() == MastershipEvent.Type.MASTER_CHANGED;
        }

        @Override
        public void event(MastershipEvent event) {
            DeviceId device = event.subject();
            if (deviceService.isAvailable(device) && runsIntStream(device) && mastershipService.isLocalMaster(device)) {
                deviceReady(device);
            }
        }
    }
}
