package org.intstream.controller.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import org.intstream.controller.agent.AgentLink;
import org.intstream.controller.agent.AgentRefusedException;
import org.intstream.controller.agent.AgentRoster;
import org.intstream.controller.dataplane.NetworkWideThresholds;
import org.intstream.controller.dataplane.SwitchClock;
import org.intstream.controller.dataplane.SwitchLink;
import org.intstream.controller.dataplane.SwitchRuntime;
import org.intstream.controller.merge.Acceptance;
import org.intstream.controller.merge.MergedWindow;
import org.intstream.controller.merge.PartialMerger;
import org.intstream.controller.merge.PartialReport;
import org.intstream.controller.merge.QueryCounters;
import org.intstream.controller.query.DeployedQuery;
import org.intstream.controller.query.QueryListener;
import org.intstream.controller.query.QueryManager;
import org.intstream.controller.result.ResultListener;
import org.intstream.controller.result.ResultStore;
import org.intstream.controller.store.QueryStore;
import org.intstream.controller.store.SimpleQueryStore;

/**
 * The controller's distributed runtime, free of any transport: queries are submitted to {@link #queries()},
 * agents join through {@link #agentConnected} with a link the core pushes local stages through, their
 * partial reports go to {@link #onPartial}, and merged windows go to the result store and the listeners.
 * The transport (gRPC in the standalone controller) calls {@link #tick()} now and then so windows whose
 * grace has passed are published without waiting for more traffic, and switches' ended epochs are read.
 * Switches added with {@link #addSwitch} are observation points too: their keys and estimates merge with
 * the agents' partials per window (each packet must be observed once: at a switch edge port or by an agent).
 * Thread-safe.
 */
public final class ControllerCore {
    private final ControllerSettings settings;
    private final LongSupplier clockMillis;
    private final QueryManager queries;
    private final AgentRoster agents;
    private final ResultStore results;
    private final Map<String, PartialMerger> mergers = new ConcurrentHashMap<>();
    private final List<ResultListener> listeners = new CopyOnWriteArrayList<>();
    private final List<String> restoreProblems;
    private final Map<String, SwitchRuntime> switches = new ConcurrentSkipListMap<>();
    /** A query on several switches is decided on their merged counts (every switch may see any key). */
    private final NetworkWideThresholds networkWide = new NetworkWideThresholds();
    /** Queries placed on the switches alone ({@link Placement#SWITCH_FIRST}): no agent runs them. */
    private final Set<String> switchesOnly = ConcurrentHashMap.newKeySet();

    /**
     * A core whose queries are kept in {@code store}; the stored definitions are deployed again right away
     * (see {@link #restoreProblems()} for those that could not be).
     */
    public ControllerCore(ControllerSettings settings, LongSupplier clockMillis, QueryStore store) {
        this.settings = settings;
        this.clockMillis = clockMillis;
        this.queries = new QueryManager(store, settings.sides());
        this.agents = new AgentRoster(settings.forgetAfterMillis());
        this.results = new ResultStore(settings.resultsPerQuery());
        listeners.add(results);
        queries.addListener(new InternalQueryListener());
        this.restoreProblems = List.copyOf(queries.restore());
    }

    /** A core whose queries live in memory only. */
    public ControllerCore(ControllerSettings settings, LongSupplier clockMillis) {
        this(settings, clockMillis, new SimpleQueryStore());
    }

    public ControllerCore(ControllerSettings settings) {
        this(settings, System::currentTimeMillis);
    }

    /** Stored definitions that could not be deployed at start, one line each. */
    public List<String> restoreProblems() {
        return restoreProblems;
    }

    public QueryManager queries() {
        return queries;
    }

    public ResultStore results() {
        return results;
    }

    public AgentRoster agents() {
        return agents;
    }

    public ControllerSettings settings() {
        return settings;
    }

    public void addResultListener(ResultListener l) {
        listeners.add(l);
    }

    /**
     * An agent said hello: checks its token, records it, and installs every running query on it.
     *
     * @throws AgentRefusedException when the token is wrong or the agent has no id
     */
    public void agentConnected(String agentId, String token, String point, AgentLink link) {
        if (agentId == null || agentId.isBlank()) {
            throw new AgentRefusedException("hello without an agent id");
        }
        if (!MessageDigest.isEqual(settings.token().getBytes(StandardCharsets.UTF_8),
                (token == null ? "" : token).getBytes(StandardCharsets.UTF_8))) {
            throw new AgentRefusedException("agent " + agentId + ": wrong token");
        }
        agents.connected(agentId, point, link, clockMillis.getAsLong());
        for (DeployedQuery q : queries.list()) {
            // Only queries whose merge runs: the others are installed by their deployment, which sees this link.
            PartialMerger m = mergers.get(q.name());
            if (m != null && m.query() == q && !switchesOnly.contains(q.name())) {
                link.install(q);
            }
        }
    }

    /**
     * Adds a programmable switch as an observation point: every running query whose switch stage fits is
     * installed on it now, and every query deployed later too.
     *
     * @param readDelayMillis how long after an epoch's end its counters are read (reports may still arrive)
     * @throws IllegalArgumentException when a switch of that name was added already
     */
    public SwitchRuntime addSwitch(SwitchLink link, SwitchClock clock, long readDelayMillis) {
        SwitchRuntime sw = new SwitchRuntime(link, clock, readDelayMillis * 1000, switches::size);
        synchronized (switches) {
            if (switches.putIfAbsent(link.name(), sw) != null) {
                throw new IllegalArgumentException("a switch named '" + link.name() + "' is already added");
            }
        }
        for (DeployedQuery q : queries.list()) {
            PartialMerger m = mergers.get(q.name());
            // Under SWITCH_FIRST a query the agents already run stays theirs: both would count its packets.
            if (m != null && m.query() == q
                    && (settings.placement() == Placement.EVERYWHERE || switchesOnly.contains(q.name()))) {
                sw.deploy(q);
            }
        }
        return sw;
    }

    /** The switches by name. */
    public Map<String, SwitchRuntime> switches() {
        return Map.copyOf(switches);
    }

    /** A report packet-in from a switch; one from a switch not added is ignored. */
    public void onSwitchReport(String switchName, byte[] payload) {
        SwitchRuntime sw = switches.get(switchName);
        if (sw != null) {
            sw.onReport(payload);
        }
    }

    /** An agent's connection ended; it stays expected for forget-after. */
    public void agentDisconnected(String agentId, AgentLink link) {
        agents.disconnected(agentId, link, clockMillis.getAsLong());
    }

    /** Takes a partial report; whatever the outcome, the agent may forget it. */
    public Acceptance onPartial(PartialReport r) {
        PartialMerger m = mergers.get(r.query());
        if (m == null) {
            return Acceptance.UNKNOWN_QUERY;
        }
        long now = clockMillis.getAsLong();
        return m.accept(r, expected(r.query(), now), now);
    }

    /**
     * Counts the bytes of a query's partial result as it arrived over the network, for the data reduction
     * figure (bytes crossing into the global stage); an unknown query's are not counted.
     */
    public void countCrossing(String query, long wireBytes) {
        PartialMerger m = mergers.get(query);
        if (m != null) {
            m.counters().crossed(wireBytes);
        }
    }

    /**
     * Where a running query is observed: {@code "switches"} when it runs on the switches alone, otherwise
     * {@code "agents"} (and the switches its stage fits, under {@link Placement#EVERYWHERE}).
     */
    public String placementOf(String query) {
        return switchesOnly.contains(query) ? "switches" : "agents";
    }

    /** The reporters a query's windows wait for: the agents (unless it runs on switches alone) and its switches. */
    private Set<String> expected(String query, long now) {
        Set<String> ids = switchesOnly.contains(query) ? new HashSet<>() : agents.expected(now);
        for (SwitchRuntime sw : switches.values()) {
            if (sw.runs(query)) {
                ids.add(sw.reporter());
            }
        }
        return ids;
    }

    /** Why a report of a running query is malformed, or null. */
    public String malformation(PartialReport r) {
        PartialMerger m = mergers.get(r.query());
        return m == null ? "no query '" + r.query() + "' runs" : m.malformation(r);
    }

    /**
     * Reads the switches' epochs that have ended and merges them, then publishes windows whose grace period
     * has passed.
     */
    public void tick() {
        for (PartialReport r : networkWide.advance(switches.values())) {
            onPartial(r);
        }
        long now = clockMillis.getAsLong();
        for (PartialMerger m : mergers.values()) {
            m.expire(expected(m.query().name(), now), now);
        }
    }

    /** Per running query, its merge counters, in submission order. */
    public Map<String, QueryCounters> counters() {
        Map<String, QueryCounters> out = new LinkedHashMap<>();
        for (DeployedQuery q : queries.list()) {
            PartialMerger m = mergers.get(q.name());
            if (m != null) {
                out.put(q.name(), m.counters());
            }
        }
        return out;
    }

    private void published(MergedWindow w) {
        for (ResultListener l : listeners) {
            l.published(w);
        }
    }

    /** Starts and stops a query's merge and its local stages at the agents. */
    private final class InternalQueryListener implements QueryListener {
        @Override
        public void deployed(DeployedQuery q) {
            mergers.put(q.name(), new PartialMerger(q, settings.graceMillis(), ControllerCore.this::published));
            boolean onSwitches = false;
            // A switch takes only a query that allows estimates (it keeps why not for the others).
            for (SwitchRuntime sw : switches.values()) {
                sw.deploy(q);
                onSwitches |= sw.runs(q.name());
            }
            if (onSwitches && settings.placement() == Placement.SWITCH_FIRST) {
                switchesOnly.add(q.name());
                return;
            }
            switchesOnly.remove(q.name());
            for (AgentLink link : agents.links()) {
                link.install(q);
            }
        }

        @Override
        public void removed(DeployedQuery q) {
            mergers.remove(q.name());
            switchesOnly.remove(q.name());
            results.forget(q.name());
            for (AgentLink link : agents.links()) {
                link.remove(q.name());
            }
            for (SwitchRuntime sw : switches.values()) {
                sw.undeploy(q);
            }
        }
    }
}
