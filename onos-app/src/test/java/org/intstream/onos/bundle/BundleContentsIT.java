package org.intstream.onos.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The packaged bundle and .oar as ONOS 2.7 will load them: it imports only what ONOS exports (no second
 * gRPC, protobuf, Guava or Jackson: the agents' endpoint runs on ONOS's own gRPC and protobuf bundles), embeds
 * our pure-Java modules and their small dependencies, ships the committed p4c outputs and Java 11 classes,
 * and declares its components.
 */
class BundleContentsIT {
    private static final Path BUNDLE = Path.of(System.getProperty("bundle.jar", "target/missing.jar"));
    private static final Path OAR = Path.of(System.getProperty("bundle.oar", "target/missing.oar"));

    /** Packages ONOS 2.7 exports to apps that this bundle may import. */
    private static final List<String> ALLOWED_IMPORTS = List.of("org.onosproject.", "org.onlab.", "org.slf4j",
            "org.apache.karaf.shell.api.", "com.fasterxml.jackson.databind", "javax.ws.rs",
            "org.glassfish.jersey.servlet", "org.intstream.onos.", "io.grpc", "com.google.protobuf",
            "io.netty.handler.ssl");

    /** ONOS 2.7's own gRPC 1.22.1 and protobuf bundles export these at ONOS's version. */
    private static final List<String> ONOS_GRPC_BUNDLE_PACKAGES = List.of("io.grpc", "io.grpc.stub",
            "io.grpc.protobuf", "com.google.protobuf");

    private static Attributes manifest() throws IOException {
        try (JarFile jar = new JarFile(BUNDLE.toFile())) {
            return jar.getManifest().getMainAttributes();
        }
    }

    @Test
    void importsOnlyWhatOnosExportsAndNoSecondGrpcOrProtobuf() throws IOException {
        List<String> imports = ManifestHeaders.clauses(manifest().getValue("Import-Package"));
        assertThat(imports).isNotEmpty();
        for (String clause : imports) {
            String pkg = ManifestHeaders.name(clause);
            if (clause.contains("resolution:=optional")) {
                assertThat(pkg).as("optional import").isIn("sun.misc", "sun.nio.ch", "org.antlr.v4.gui");
                continue;
            }
            assertThat(ALLOWED_IMPORTS).as("import %s", clause).anyMatch(pkg::startsWith);
            if (pkg.startsWith("org.onosproject.") || pkg.startsWith("org.onlab.")) {
                assertThat(clause).as(clause).contains("version=\"[2.7,3)\"");
            }
            if (pkg.startsWith("org.apache.karaf.shell.api.")) {
                assertThat(clause).as("ONOS 2.7 runs Karaf 4.2").contains("version=\"[4.2,5)\"");
            }
            if (pkg.startsWith("com.fasterxml.jackson.")) {
                assertThat(clause).as("ONOS 2.7's own Jackson").contains("version=\"[2.11,3)\"");
            }
            if (pkg.startsWith("javax.ws.rs")) {
                assertThat(clause).as("JAX-RS 2.1 as ONOS 2.7 exports it").contains("version=\"[2.1,3)\"");
            }
            if (pkg.startsWith("io.netty.")) {
                assertThat(clause).as("the agents' TLS, with ONOS 2.7's Netty 4.1 bundles")
                        .contains("version=\"[4.1,5)\"");
            }
            if (pkg.equals("org.slf4j")) {
                assertThat(clause).as("ONOS 2.7 ships slf4j 1.7").contains("version=\"[1.7,2)\"");
            }
        }
        List<String> grpc = new ArrayList<>();
        for (String clause : imports) {
            String pkg = ManifestHeaders.name(clause);
            if (pkg.startsWith("io.grpc") || pkg.startsWith("com.google.protobuf")) {
                grpc.add(pkg);
                if (ONOS_GRPC_BUNDLE_PACKAGES.contains(pkg)) {
                    assertThat(clause).as("from ONOS's own bundle").contains("version=\"[2.7,3)\"");
                } else {
                    // The Netty transport of ONOS's gRPC app: a plain jar, exported without our version.
                    assertThat(clause).as(clause).isEqualTo("io.grpc.netty");
                }
            }
        }
        assertThat(grpc).as("the agents' endpoint, and nothing of gRPC's internals")
                .containsExactlyInAnyOrder("io.grpc", "io.grpc.stub", "io.grpc.protobuf", "io.grpc.netty",
                        "com.google.protobuf");
        assertThat(imports).noneMatch(c -> c.startsWith("com.google.common"));
    }

    @Test
    void embedsOurPureJavaModulesAndNothingThatClashesWithOnos() throws IOException {
        Attributes m = manifest();
        assertThat(m.getValue("Embed-Dependency")).contains("controller", "query-compiler", "stream-engine");
        List<String> embedded = new ArrayList<>();
        for (String c : ManifestHeaders.clauses(m.getValue("Embedded-Artifacts"))) {
            embedded.add(ManifestHeaders.name(c));
        }
        assertThat(embedded).containsExactlyInAnyOrder("controller-0.1.0-SNAPSHOT.jar",
                "query-compiler-0.1.0-SNAPSHOT.jar", "stream-engine-0.1.0-SNAPSHOT.jar", "antlr4-runtime-4.13.2.jar",
                "datasketches-java-6.2.0.jar", "datasketches-memory-3.0.2.jar");
        assertThat(ManifestHeaders.clauses(m.getValue("Bundle-ClassPath"))).contains(".").containsAll(embedded);
        try (ZipFile zip = new ZipFile(BUNDLE.toFile())) {
            for (String jar : embedded) {
                ZipEntry e = zip.getEntry(jar);
                assertThat(e).as(jar).isNotNull();
                try (JarInputStream in = new JarInputStream(zip.getInputStream(e))) {
                    for (JarEntry c = in.getNextJarEntry(); c != null; c = in.getNextJarEntry()) {
                        assertThat(c.getName()).as("inside " + jar).doesNotStartWith("com/google/protobuf/")
                                .doesNotStartWith("io/grpc/").doesNotStartWith("com/google/common/")
                                .doesNotStartWith("com/fasterxml/");
                        if (jar.startsWith("controller") || jar.startsWith("query-compiler")
                                || jar.startsWith("stream-engine")) {
                            if (c.getName().endsWith(".class") && !c.getName().endsWith("module-info.class")) {
                                assertThat(classMajorVersion(in.readAllBytes())).as(c.getName()).isEqualTo(55);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void shipsTheCommittedProgramJava11ClassesAndItsComponents() throws IOException {
        try (ZipFile zip = new ZipFile(BUNDLE.toFile())) {
            assertThat(zip.getInputStream(zip.getEntry("p4/intstream.json")).readAllBytes())
                    .isEqualTo(Files.readAllBytes(Path.of("..", "p4src", "build", "intstream.json")));
            assertThat(zip.getInputStream(zip.getEntry("p4/intstream.p4info.txt")).readAllBytes())
                    .isEqualTo(Files.readAllBytes(Path.of("..", "p4src", "build", "intstream.p4info.txt")));
            // The agents' stubs, generated for ONOS's gRPC 1.22.1; gRPC and protobuf themselves are ONOS's.
            assertThat(zip.getEntry("org/intstream/proto/agent/AgentServiceGrpc.class")).isNotNull();
            assertThat(zip.stream().map(ZipEntry::getName)).noneMatch(n -> n.startsWith("io/grpc/")
                    || n.startsWith("com/google/protobuf/") || n.startsWith("io/netty/"));
            // The GUI view as ONOS's UiExtension reads it, the shared result chart beside its script.
            for (String r : List.of("gui/css.html", "gui/js.html", "app/view/intstreamTelemetry/intstreamTelemetry.html",
                    "app/view/intstreamTelemetry/intstreamTelemetry.js", "app/view/intstreamTelemetry/intstreamTelemetry.css",
                    "app/view/intstreamTelemetry/result-chart.js")) {
                assertThat(zip.getEntry(r)).as(r).isNotNull();
            }
            ZipEntry loader = zip.getEntry("org/intstream/onos/pipeconf/PipeconfLoader.class");
            assertThat(classMajorVersion(zip.getInputStream(loader).readAllBytes())).as("ONOS 2.7 runs Java 11")
                    .isEqualTo(55);
        }
        Attributes m = manifest();
        assertThat(m.getValue("Bundle-SymbolicName")).isEqualTo("org.intstream.onos-app");
        assertThat(ManifestHeaders.clauses(m.getValue("Service-Component"))).containsExactlyInAnyOrder(
                "OSGI-INF/org.intstream.onos.pipeconf.PipeconfLoader.xml",
                "OSGI-INF/org.intstream.onos.slot.SwitchSlotManager.xml",
                "OSGI-INF/org.intstream.onos.query.DistributedIntStreamQueryStore.xml",
                "OSGI-INF/org.intstream.onos.query.IntStreamManager.xml",
                "OSGI-INF/org.intstream.onos.runtime.IntStreamRuntimeManager.xml",
                "OSGI-INF/org.intstream.onos.agent.AgentEndpointManager.xml",
                "OSGI-INF/org.intstream.onos.gui.TelemetryUiComponent.xml",
                "OSGI-INF/org.intstream.onos.rest.CodecRegistrator.xml",
                "OSGI-INF/org.intstream.onos.rest.ApiDocRegistrator.xml");
        assertThat(m.getValue("Karaf-Commands")).isEqualTo("org.intstream.onos.cli");
        // ONOS's component config lists the manager's property from what onos-maven-plugin generated.
        try (ZipFile zip = new ZipFile(BUNDLE.toFile())) {
            String cfg = new String(zip.getInputStream(zip.getEntry("org/intstream/onos/query/IntStreamManager.cfgdef"))
                    .readAllBytes(), StandardCharsets.UTF_8);
            assertThat(cfg).contains("resultsPerQuery|INTEGER|1000|How many reported keys to keep per query");
            String agents = new String(zip.getInputStream(zip.getEntry(
                    "org/intstream/onos/agent/AgentEndpointManager.cfgdef")).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(agents).contains("agentPort|INTEGER|7070|");
            String runtime = new String(zip.getInputStream(zip.getEntry(
                    "org/intstream/onos/runtime/IntStreamRuntimeManager.cfgdef")).readAllBytes(), StandardCharsets.UTF_8);
            // ONOS parses these defaults: plain numbers only.
            assertThat(runtime).contains("graceMillis|LONG|5000|", "reportRate|LONG|1000|", "clockOffsetMicros|LONG|-1|");
        }
    }

    @Test
    void servesTheRestApiUnderOnosIntstreamWithItsApiDocs() throws IOException {
        assertThat(manifest().getValue("Web-ContextPath")).isEqualTo("/onos/intstream");
        try (ZipFile zip = new ZipFile(BUNDLE.toFile())) {
            String webXml = new String(zip.getInputStream(zip.getEntry("WEB-INF/web.xml")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(webXml).contains("<servlet-class>org.glassfish.jersey.servlet.ServletContainer</servlet-class>",
                    "<param-value>org.intstream.onos.rest.IntStreamWebApplication</param-value>");
            String swagger = new String(zip.getInputStream(zip.getEntry("apidoc/swagger.json")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(swagger).contains("\"basePath\":\"/onos/intstream\"", "\"/queries\"", "\"/queries/{name}\"",
                    "\"/results/{name}\"", "\"QuerySubmission\"");
        }
    }

    @Test
    void theOarNamesTheAppItsBmv2DriversAndCarriesTheBundle() throws IOException {
        try (ZipFile oar = new ZipFile(OAR.toFile())) {
            String appXml = new String(oar.getInputStream(oar.getEntry("app.xml")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(appXml).contains("name=\"org.intstream.app\"").contains("apps=\"org.onosproject.drivers.bmv2\"")
                    .contains("<artifact>mvn:org.intstream/onos-app/0.1.0-SNAPSHOT</artifact>");
            ZipEntry bundle = oar.getEntry("m2/org/intstream/onos-app/0.1.0-SNAPSHOT/onos-app-0.1.0-SNAPSHOT.jar");
            assertThat(bundle).isNotNull();
            try (InputStream in = oar.getInputStream(bundle)) {
                assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(BUNDLE));
            }
            assertThat(oar.getEntry("m2/org/intstream/onos-app/0.1.0-SNAPSHOT/onos-app-0.1.0-SNAPSHOT-features.xml"))
                    .isNotNull();
        }
    }

    private static int classMajorVersion(byte[] classFile) throws IOException {
        try (ByteArrayInputStream in = new ByteArrayInputStream(classFile)) {
            byte[] head = in.readNBytes(8);
            return ((head[6] & 0xFF) << 8) | (head[7] & 0xFF);
        }
    }
}
