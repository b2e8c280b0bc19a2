package org.intstream.onos.felix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.intstream.onos.testing.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;

/**
 * The closest check to {@code onos-app install} this machine allows: the packaged bundle in an embedded
 * Apache Felix with Felix SCR, beside the ONOS 2.7 API bundles and the third-party bundles they import at
 * the versions ONOS 2.7 ships (copied by the pom), with the ONOS services our components reference
 * registered as stand-ins. Every import must resolve and every component must activate.
 */
class BundleActivationIT {
    private static final Path BUNDLES = Path.of(System.getProperty("felix.bundles", "target/felix/bundles"));
    private static final Path WRAP = Path.of(System.getProperty("felix.wrap", "target/felix/wrap"));
    private static final Path CACHE = Path.of(System.getProperty("felix.cache", "target/felix/cache"));
    private static final Path APP = Path.of(System.getProperty("bundle.jar", "target/missing.jar"));

    /**
     * The ONOS services our components reference (what a running ONOS registers), but CodecService: ONOS's own
     * CodecManager from onos-core-common provides it.
     */
    private static final List<String> ONOS_SERVICES = List.of(
            "org.onosproject.core.CoreService",
            "org.onosproject.net.flow.FlowRuleService",
            "org.onosproject.net.group.GroupService",
            "org.onosproject.net.packet.PacketService",
            "org.onosproject.net.pi.service.PiPipeconfWatchdogService",
            "org.onosproject.net.pi.service.PiPipeconfService",
            "org.onosproject.net.device.DeviceService",
            "org.onosproject.store.service.StorageService",
            "org.onosproject.cfg.ComponentConfigService",
            "org.onosproject.rest.ApiDocService",
            "org.onosproject.mastership.MastershipService",
            "org.onosproject.net.meter.MeterService",
            "org.onosproject.net.edge.EdgePortService",
            "org.onosproject.net.config.NetworkConfigService",
            "org.onosproject.p4runtime.api.P4RuntimeController",
            "org.onosproject.ui.UiExtensionService");

    /** Our components, by class name. */
    private static final List<String> COMPONENTS = List.of(
            "org.intstream.onos.pipeconf.PipeconfLoader",
            "org.intstream.onos.slot.SwitchSlotManager",
            "org.intstream.onos.query.DistributedIntStreamQueryStore",
            "org.intstream.onos.query.IntStreamManager",
            "org.intstream.onos.runtime.IntStreamRuntimeManager",
            "org.intstream.onos.agent.AgentEndpointManager",
            "org.intstream.onos.gui.TelemetryUiComponent",
            "org.intstream.onos.rest.CodecRegistrator",
            "org.intstream.onos.rest.ApiDocRegistrator");

    /** What ONOS's CLI needs besides the app's own services (every command is audited). */
    private static final String AUDIT_SERVICE = "org.onosproject.security.AuditService";

    /** Declarative Services' component configuration states (ComponentConfigurationDTO). */
    private static final int ACTIVE = 8;
    private static final Map<Integer, String> STATES = Map.of(1, "UNSATISFIED_CONFIGURATION", 2,
            "UNSATISFIED_REFERENCE", 4, "SATISFIED", 8, "ACTIVE", 16, "FAILED_ACTIVATION");

    private EmbeddedFelix felix;
    private ServiceStandIns services;
    private final List<String> registeredPipeconfs = new CopyOnWriteArrayList<>();
    private final Map<String, Object> pipeconfs = new ConcurrentHashMap<>();
    private final Map<Object, Object> storedQueries = new ConcurrentHashMap<>();
    private final List<Bundle> platform = new ArrayList<>();

    @BeforeEach
    void startOnosPlatform() throws Exception {
        felix = new EmbeddedFelix(CACHE);
        platform.addAll(felix.installAll(BUNDLES));
        platform.addAll(felix.wrapAndInstallAll(WRAP));
        Path testClasses = Path.of(BundleActivationIT.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        platform.add(felix.installPackage(testClasses, "org.intstream.onos.felix.standin"));
        EmbeddedFelix.startAll(platform);
        Bundle api = platform.stream().filter(b -> b.getSymbolicName().equals("org.onosproject.onos-api"))
                .findFirst().orElseThrow();
        services = new ServiceStandIns(felix.context(), api);
        for (String other : List.of("org.onosproject.onos-protocols-p4runtime-api",
                "org.onosproject.onos-protocols-grpc-api", "org.onosproject.io_grpc_grpc_api_context")) {
            services.alsoFrom(platform.stream().filter(b -> b.getSymbolicName().equals(other)).findFirst()
                    .orElseThrow());
        }
        Class<?> appId = services.apiClass("org.onosproject.core.DefaultApplicationId");
        services.answer("CoreService.registerApplication",
                args -> newInstance(appId, new Class<?>[] {int.class, String.class}, 1, args[0]));
        Class<?> mapBuilder = platform.get(platform.size() - 1)
                .loadClass("org.intstream.onos.felix.standin.StandInConsistentMapBuilder");
        Object map = services.standIn("org.onosproject.store.service.ConsistentMap");
        answerAsAMap(services.apiClass("org.onosproject.store.service.Versioned"));
        services.answer("StorageService.consistentMapBuilder",
                args -> newInstance(mapBuilder, new Class<?>[] {Object.class}, map));
        services.answer("PiPipeconfService.register", args -> {
            pipeconfs.put(invoke(args[0], "id").toString(), args[0]);
            registeredPipeconfs.add(invoke(args[0], "id").toString());
            return null;
        });
        services.answer("PiPipeconfService.unregister", args -> pipeconfs.remove(args[0].toString()));
        // The agents' endpoint on a free loopback port, set as ONOS's component config would (Config Admin).
        configure("org.intstream.onos.agent.AgentEndpointManager",
                Map.of("agentPort", 0, "agentAddress", "127.0.0.1"));
        // By pipeconf id; a device id finds none (no device is bound to a pipeconf here).
        services.answer("PiPipeconfService.getPipeconf",
                args -> Optional.ofNullable(pipeconfs.get(args[0].toString())));
    }

    /** Sets a component's configuration through Config Admin (its classes are the framework's: reflection). */
    private void configure(String pid, Map<String, Object> properties) throws Exception {
        ServiceReference<?> ref = felix.context().getServiceReference("org.osgi.service.cm.ConfigurationAdmin");
        assertThat(ref).as("Config Admin").isNotNull();
        Object admin = felix.context().getService(ref);
        Object config = admin.getClass().getMethod("getConfiguration", String.class, String.class)
                .invoke(admin, pid, "?");
        java.util.Hashtable<String, Object> values = new java.util.Hashtable<>(properties);
        Method update = config.getClass().getMethod("update", java.util.Dictionary.class);
        update.setAccessible(true);
        update.invoke(config, values);
    }

    @AfterEach
    void stop() throws Exception {
        felix.close();
    }

    @Test
    void everyPlatformBundleStarts() {
        for (Bundle b : platform) {
            boolean fragment = b.getHeaders().get("Fragment-Host") != null;
            assertThat(b.getState()).as(b.getSymbolicName()).isEqualTo(fragment ? Bundle.RESOLVED : Bundle.ACTIVE);
        }
    }

    @Test
    void theAppResolvesAndEveryComponentActivatesWithOnosServices() throws Exception {
        for (String s : ONOS_SERVICES) {
            services.register(s);
        }
        Bundle app = felix.install(APP);
        app.start();
        assertThat(app.getState()).isEqualTo(Bundle.ACTIVE);
        Map<String, String> states = awaitComponentStates(app);
        assertThat(states.keySet()).containsExactlyInAnyOrderElementsOf(COMPONENTS);
        assertThat(states).allSatisfy((name, state) -> assertThat(state).as(name).isEqualTo("ACTIVE"));
        // Activation did its work through ONOS's API: the P4Info parsed with ONOS's own protobuf bundle.
        assertThat(registeredPipeconfs).containsExactly("org.intstream.pipeconf");
        assertThat(services.calls()).contains("CoreService.registerApplication", "PacketService.addProcessor",
                "StorageService.consistentMapBuilder", "ComponentConfigService.registerProperties",
                "DeviceService.addListener", "ApiDocService.register", "MastershipService.addListener",
                "EdgePortService.addListener", "UiExtensionService.register");
        ServiceReference<?>[] codecs = felix.context()
                .getAllServiceReferences("org.onosproject.codec.CodecService", null);
        assertThat(codecs).as("ONOS's codec manager").hasSize(1);
        Object codecService = felix.context().getService(codecs[0]);
        Method getCodec = codecService.getClass().getMethod("getCodec", Class.class);
        assertThat(getCodec.invoke(codecService, app.loadClass("org.intstream.onos.IntStreamQuery")).getClass()
                .getName()).isEqualTo("org.intstream.onos.rest.QueryCodec");
        assertThat(getCodec.invoke(codecService, app.loadClass("org.intstream.controller.dataplane.SlotHit"))
                .getClass().getName()).isEqualTo("org.intstream.onos.rest.SlotHitCodec");
        assertThat(felix.context().getAllServiceReferences("org.intstream.onos.IntStreamService", null))
                .as("the manager's service").hasSize(1);
        assertThat(awaitShellCommands("onos", "intstream-")).as("Karaf's shell loaded our commands")
                .containsExactlyInAnyOrder("intstream-submit", "intstream-queries", "intstream-remove",
                        "intstream-results", "intstream-explain", "intstream-agents", "intstream-switches");

        app.stop();
        assertThat(services.calls()).contains("PiPipeconfService.unregister", "PacketService.removeProcessor");
    }

    @Test
    void theCommandsRunInKarafsShellAgainstTheApp() throws Exception {
        for (String s : ONOS_SERVICES) {
            services.register(s);
        }
        services.register(AUDIT_SERVICE);
        Bundle app = felix.install(APP);
        app.start();
        assertThat(awaitComponentStates(app)).allSatisfy((name, state) -> assertThat(state).isEqualTo("ACTIVE"));
        awaitShellCommands("onos", "intstream-");
        String portScan = Path.of("..", "queries", "port_scan.isq").toAbsolutePath().normalize().toString();

        // No device runs the pipeconf here: the query waits for switches.
        assertThat(shell("onos:intstream-submit -e -p threshold=20 " + portScan))
                .isEqualTo("submitted port_scan: waiting for switches running the IntStream pipeconf\n");
        assertThat(shell("onos:intstream-queries")).startsWith(
                "name=port_scan, status=WAITING_FOR_SWITCHES, devices=[], parameters={threshold=20}\n");
        assertThat(shell("onos:intstream-explain port_scan")).startsWith("query port_scan (threshold=20, window=10s)\n")
                .contains("switch stage of port_scan:").endsWith("devices running the IntStream pipeconf: none yet\n");
        assertThat(shell("onos:intstream-results port_scan")).isEqualTo("no keys reported for port_scan yet\n");
        assertThat(shell("onos:intstream-agents")).startsWith("no agents known");
        assertThat(shell("onos:intstream-switches")).isEqualTo(
                "no switches (devices running the org.intstream.pipeconf pipeconf)\n");
        assertThat(shell("onos:intstream-remove port_scan")).isEqualTo("removed port_scan\n");
        assertThat(shell("onos:intstream-queries")).isEqualTo("no queries submitted\n");
        assertThat(services.calls()).contains("AuditService.isAuditing");
    }

    @Test
    void anAgentDialsTheEndpointServedWithOnosGrpc() throws Exception {
        for (String s : ONOS_SERVICES) {
            services.register(s);
        }
        services.register(AUDIT_SERVICE);
        Bundle app = felix.install(APP);
        app.start();
        assertThat(awaitComponentStates(app)).allSatisfy((name, state) -> assertThat(state).isEqualTo("ACTIVE"));
        awaitShellCommands("onos", "intstream-");
        ServiceReference<?>[] endpoint = felix.context()
                .getAllServiceReferences("org.intstream.onos.AgentEndpointService", null);
        assertThat(endpoint).hasSize(1);
        Object service = felix.context().getService(endpoint[0]);
        int port = (Integer) service.getClass().getMethod("port").invoke(service);
        assertThat(port).as("listening on the configured free port, not the default 7070").isPositive()
                .isNotEqualTo(7070);

        // An agent outside the framework (this JVM's class path: the same 1.22.1 stubs) dials in and says hello.
        io.grpc.ManagedChannel channel = io.grpc.netty.NettyChannelBuilder.forAddress("127.0.0.1", port)
                .usePlaintext().build();
        java.util.concurrent.BlockingQueue<Object> received = new java.util.concurrent.LinkedBlockingQueue<>();
        try {
            io.grpc.stub.StreamObserver<org.intstream.proto.agent.AgentMessage> stream =
                    org.intstream.proto.agent.AgentServiceGrpc.newStub(channel).connect(new io.grpc.stub.StreamObserver<>() {
                        @Override
                        public void onNext(org.intstream.proto.agent.ControllerMessage m) {
                            received.add(m);
                        }

                        @Override
                        public void onError(Throwable t) {
                            received.add(t);
                        }

                        @Override
                        public void onCompleted() {
                            received.add("completed");
                        }
                    });
            stream.onNext(org.intstream.proto.agent.AgentMessage.newBuilder().setHello(
                    org.intstream.proto.agent.Hello.newBuilder().setAgentId("it-agent").setObservationPoint("it/eth0")
                            .setVersion("test")).build());
            Object welcome = received.poll(20, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(welcome).isInstanceOf(org.intstream.proto.agent.ControllerMessage.class);
            assertThat(((org.intstream.proto.agent.ControllerMessage) welcome).getWelcome().getControllerVersion())
                    .endsWith("(ONOS)");
            assertThat(shell("onos:intstream-agents")).startsWith("id=it-agent, point=it/eth0, state=connected");
            stream.onCompleted();
        } finally {
            channel.shutdownNow().awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /**
     * With agentTlsCert/agentTlsKey the endpoint serves TLS through ONOS's gRPC and Netty bundles: the real agent
     * (the standalone build's {@code intstream agent --tls-ca}, its own JVM and gRPC) joins, replays a trace for
     * the query submitted in ONOS's shell and exits once all is acknowledged; a plain client is refused.
     */
    @Test
    void theRealAgentJoinsOverTlsAndAPlainOneIsRefused(@TempDir Path pki) throws Exception {
        Path agentJar = Path.of(System.getProperty("intstream.jar", "../standalone/target/intstream.jar"));
        assumeTrue(Files.isRegularFile(agentJar), "skipped: no " + agentJar
                + " (the agent; build it: mvn -pl standalone -am package -DskipTests)");
        TestCertificates.make(pki);
        configure("org.intstream.onos.agent.AgentEndpointManager", Map.of("agentPort", 0, "agentAddress",
                "127.0.0.1", "agentTlsCert", pki.resolve("server.pem").toString(), "agentTlsKey",
                pki.resolve("server.key").toString()));
        for (String s : ONOS_SERVICES) {
            services.register(s);
        }
        services.register(AUDIT_SERVICE);
        Bundle app = felix.install(APP);
        app.start();
        assertThat(awaitComponentStates(app)).allSatisfy((name, state) -> assertThat(state).isEqualTo("ACTIVE"));
        awaitShellCommands("onos", "intstream-");
        ServiceReference<?>[] endpoint = felix.context()
                .getAllServiceReferences("org.intstream.onos.AgentEndpointService", null);
        Object service = felix.context().getService(endpoint[0]);
        int port = (Integer) service.getClass().getMethod("port").invoke(service);
        assertThat(service.getClass().getMethod("problem").invoke(service)).isNull();
        assertThat(port).isPositive();
        assertThat((Boolean) service.getClass().getMethod("tls").invoke(service)).isTrue();
        assertThat(shell("onos:intstream-agents")).endsWith("agents' endpoint: port " + port
                + ", TLS (agents give --tls-ca)\n");

        io.grpc.ManagedChannel plain = io.grpc.netty.NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
                .build();
        try {
            java.util.concurrent.BlockingQueue<Object> received = new java.util.concurrent.LinkedBlockingQueue<>();
            org.intstream.proto.agent.AgentServiceGrpc.newStub(plain).connect(new io.grpc.stub.StreamObserver<>() {
                @Override
                public void onNext(org.intstream.proto.agent.ControllerMessage m) {
                    received.add(m);
                }

                @Override
                public void onError(Throwable t) {
                    received.add(t);
                }

                @Override
                public void onCompleted() {
                    received.add("completed");
                }
            }).onNext(org.intstream.proto.agent.AgentMessage.newBuilder().setHello(
                    org.intstream.proto.agent.Hello.newBuilder().setAgentId("plain").setVersion("test")).build());
            Object answer = received.poll(20, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(answer).isInstanceOf(Throwable.class);
            assertThat(io.grpc.Status.fromThrowable((Throwable) answer).getCode())
                    .isEqualTo(io.grpc.Status.Code.UNAVAILABLE);
        } finally {
            plain.shutdownNow().awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        }

        String portScan = Path.of("..", "queries", "port_scan.isq").toAbsolutePath().normalize().toString();
        assertThat(shell("onos:intstream-submit -e -p threshold=20 " + portScan)).startsWith("submitted port_scan");
        Path trace = Path.of("..", "tests", "src", "test", "resources", "traces", "nmap-syn-fast.pcap");
        Process agent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                agentJar.toString(), "agent", "--trace", trace.toString(), "--controller", "127.0.0.1:" + port,
                "--agent-id", "tls-agent", "--tls-ca", pki.resolve("ca.pem").toString())
                .redirectErrorStream(true).start();
        boolean ended = agent.waitFor(120, java.util.concurrent.TimeUnit.SECONDS);
        if (!ended) {
            agent.destroyForcibly();
        }
        String printed = new String(agent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ended).as("the agent ended within 120 s; it printed:\n" + printed).isTrue();
        assertThat(agent.exitValue()).as("the agent printed:\n" + printed).isZero();
        assertThat(shell("onos:intstream-agents")).startsWith("id=tls-agent, point=");
    }

    @Test
    void aMissingOnosServiceLeavesItsComponentUnsatisfied() throws Exception {
        for (String s : ONOS_SERVICES) {
            if (!s.endsWith(".PacketService")) {
                services.register(s);
            }
        }
        Bundle app = felix.install(APP);
        app.start();
        Map<String, String> states = awaitComponentStates(app);
        assertThat(states).containsEntry("org.intstream.onos.pipeconf.PipeconfLoader", "ACTIVE");
        assertThat(states.get("org.intstream.onos.slot.SwitchSlotManager"))
                .isEqualTo("UNSATISFIED_REFERENCE packetService");
        assertThat(states.get("org.intstream.onos.runtime.IntStreamRuntimeManager"))
                .as("waits for the packet service (clock probes) and the slot manager")
                .isEqualTo("UNSATISFIED_REFERENCE packetService slotService");
        assertThat(states.get("org.intstream.onos.query.IntStreamManager"))
                .as("waits for the slot manager and the runtime").isEqualTo("UNSATISFIED_REFERENCE runtime slotService");
    }

    @Test
    void anImportNoBundleExportsFailsTheStart() throws Exception {
        Bundle model = platform.stream()
                .filter(b -> b.getSymbolicName().equals("org.onosproject.onos-protocols-p4runtime-model"))
                .findFirst().orElseThrow();
        model.uninstall();
        Bundle app = felix.install(APP);
        assertThatThrownBy(app::start).isInstanceOf(BundleException.class)
                .hasMessageContaining("org.onosproject.p4runtime.model");
    }

    /** The stand-in ConsistentMap keeps what the query store puts, as {@code Versioned} values. */
    private void answerAsAMap(Class<?> versioned) {
        Function<Object, Object> version = v -> v == null ? null
                : newInstance(versioned, new Class<?>[] {Object.class, long.class}, v, 1L);
        services.answer("ConsistentMap.putIfAbsent",
                args -> version.apply(storedQueries.putIfAbsent(args[0], args[1])));
        services.answer("ConsistentMap.put", args -> version.apply(storedQueries.put(args[0], args[1])));
        services.answer("ConsistentMap.get", args -> version.apply(storedQueries.get(args[0])));
        services.answer("ConsistentMap.remove", args -> version.apply(storedQueries.remove(args[0])));
        services.answer("ConsistentMap.values", args -> storedQueries.values().stream().map(version)
                .collect(Collectors.toList()));
    }

    /** Runs a command line in a headless Karaf shell session; what the command printed to System.out. */
    private String shell(String commandLine) throws Exception {
        ServiceReference<?>[] refs = felix.context()
                .getAllServiceReferences("org.apache.karaf.shell.api.console.SessionFactory", null);
        Object factory = felix.context().getService(refs[0]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // Kept apart: slf4j-simple's log lines go to System.err, which the session redirects too.
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Method create = factory.getClass().getMethod("create", InputStream.class, PrintStream.class,
                PrintStream.class);
        create.setAccessible(true);
        Object session = create.invoke(factory, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        Method execute = session.getClass().getMethod("execute", CharSequence.class);
        execute.setAccessible(true);
        try {
            execute.invoke(session, commandLine);
        } finally {
            Method close = session.getClass().getMethod("close");
            close.setAccessible(true);
            close.invoke(session);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Each of the bundle's components with its state ({@code ACTIVE}, or the state and what it lacks),
     * once none is still on its way (SCR may activate on another thread).
     */
    private Map<String, String> awaitComponentStates(Bundle app) throws Exception {
        // All references: the test classpath's own copy of the DS API is another class space than SCR's.
        ServiceReference<?>[] refs = felix.context()
                .getAllServiceReferences("org.osgi.service.component.runtime.ServiceComponentRuntime", null);
        assertThat(refs).as("Felix SCR runs").isNotNull().hasSize(1);
        Object scr = felix.context().getService(refs[0]);
        Map<String, String> states = new TreeMap<>();
        long deadline = System.nanoTime() + 10_000_000_000L;
        do {
            states.clear();
            Object bundles = Array.newInstance(Bundle.class, 1);
            Array.set(bundles, 0, app);
            Collection<?> descriptions = (Collection<?>) scr.getClass()
                    .getMethod("getComponentDescriptionDTOs", Bundle[].class).invoke(scr, bundles);
            for (Object d : descriptions) {
                Collection<?> configs = (Collection<?>) scr.getClass().getMethod("getComponentConfigurationDTOs",
                        d.getClass()).invoke(scr, d);
                String name = (String) field(d, "name");
                states.put(name, configs.isEmpty() ? "NO_CONFIGURATION" : describe(configs.iterator().next()));
            }
            if (!states.isEmpty() && states.values().stream().noneMatch(s -> s.startsWith("SATISFIED"))) {
                return states;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return states;
    }

    /** The names of the Karaf shell's commands in a scope that start with a prefix, once there are some. */
    private List<String> awaitShellCommands(String scope, String prefix) throws Exception {
        ServiceReference<?>[] refs = felix.context()
                .getAllServiceReferences("org.apache.karaf.shell.api.console.SessionFactory", null);
        assertThat(refs).as("Karaf's shell runs").isNotNull().hasSize(1);
        Object sessions = felix.context().getService(refs[0]);
        Object registry = sessions.getClass().getMethod("getRegistry").invoke(sessions);
        List<String> names = new ArrayList<>();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (names.isEmpty() && System.nanoTime() < deadline) {
            for (Object command : (Collection<?>) registry.getClass().getMethod("getCommands").invoke(registry)) {
                String name = (String) invoke(command, "getName");
                if (scope.equals(invoke(command, "getScope")) && name.startsWith(prefix)) {
                    names.add(name);
                }
            }
            Thread.sleep(50);
        }
        return names;
    }

    private static String describe(Object config) throws ReflectiveOperationException {
        int state = (Integer) field(config, "state");
        if (state == ACTIVE) {
            return "ACTIVE";
        }
        StringBuilder b = new StringBuilder(STATES.getOrDefault(state, "STATE " + state));
        Object unsatisfied = field(config, "unsatisfiedReferences");
        for (int i = 0; unsatisfied != null && i < Array.getLength(unsatisfied); i++) {
            b.append(' ').append(field(Array.get(unsatisfied, i), "name"));
        }
        Object failure = field(config, "failure");
        if (failure != null) {
            b.append(": ").append(failure);
        }
        return b.toString();
    }

    private static Object field(Object dto, String name) throws ReflectiveOperationException {
        return dto.getClass().getField(name).get(dto);
    }

    private static Object invoke(Object target, String method) {
        try {
            Method m = target.getClass().getMethod(method);
            m.setAccessible(true); // public methods of the framework's non-public implementation classes
            return m.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object newInstance(Class<?> type, Class<?>[] parameterTypes, Object... args) {
        try {
            return type.getConstructor(parameterTypes).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
