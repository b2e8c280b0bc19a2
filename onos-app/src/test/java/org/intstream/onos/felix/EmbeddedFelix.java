package org.intstream.onos.felix;

import aQute.bnd.osgi.Analyzer;
import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/**
 * An Apache Felix framework in the test JVM with a fresh bundle cache: bundles are installed from jar files,
 * plain jars are wrapped into bundles first (what Karaf's {@code wrap:} does for the plain jars an ONOS app
 * installs). Bundles see nothing of the test classpath: their parent class loader is the boot loader.
 */
final class EmbeddedFelix implements AutoCloseable {
    private static final Pattern ARTIFACT_FILE = Pattern.compile("(.+?)-(\\d+(?:\\.\\d+)*)(?:[.-].*)?\\.jar");

    private final Framework framework;
    private final Path wrapped;

    EmbeddedFelix(Path cache) throws BundleException, IOException {
        deleteTree(cache);
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, cache.resolve("bundles").toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put("felix.log.level", "1");
        framework = new FrameworkFactory().newFramework(config);
        framework.start();
        wrapped = Files.createDirectories(cache.resolve("wrapped"));
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    /** Installs every jar in a directory, in name order. */
    List<Bundle> installAll(Path dir) throws IOException, BundleException {
        List<Bundle> out = new ArrayList<>();
        for (Path jar : jars(dir)) {
            out.add(install(jar));
        }
        return out;
    }

    Bundle install(Path jar) throws BundleException {
        return context().installBundle(jar.toUri().toString());
    }

    /**
     * Wraps each plain jar of a directory into a bundle that exports all its packages at the jar's version
     * and imports what it references where some bundle provides it (optionally, as a wrapped jar's manifest
     * cannot know which of its references matter), then installs it.
     */
    List<Bundle> wrapAndInstallAll(Path dir) throws Exception {
        List<Bundle> out = new ArrayList<>();
        for (Path jar : jars(dir)) {
            out.add(install(wrap(jar)));
        }
        return out;
    }

    /**
     * Packs one package of compiled test classes into a bundle that exports it and imports what it references,
     * and installs it: test code that must live in the framework's class space (subclasses of ONOS classes).
     */
    Bundle installPackage(Path classes, String pkg) throws Exception {
        Path out = wrapped.resolve(pkg + ".jar");
        try (Builder builder = new Builder()) {
            builder.addClasspath(classes.toFile());
            builder.setProperty(Constants.BUNDLE_SYMBOLICNAME, "test." + pkg);
            builder.setProperty(Constants.BUNDLE_VERSION, "1.0.0");
            builder.setProperty(Constants.EXPORT_PACKAGE, pkg);
            builder.setProperty(Constants.IMPORT_PACKAGE, "*");
            builder.setProperty("-noimportjava", "true");
            Jar jar = builder.build();
            if (!builder.getErrors().isEmpty()) {
                throw new IllegalStateException("cannot pack " + pkg + ": " + builder.getErrors());
            }
            jar.write(out.toFile());
        }
        return install(out);
    }

    private Path wrap(Path jar) throws Exception {
        Matcher m = ARTIFACT_FILE.matcher(jar.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(jar + " is not named artifact-version.jar");
        }
        Path out = wrapped.resolve(jar.getFileName());
        try (Analyzer analyzer = new Analyzer()) {
            analyzer.setJar(new Jar(jar.toFile()));
            analyzer.setProperty(Constants.BUNDLE_SYMBOLICNAME, "wrap." + m.group(1));
            analyzer.setProperty(Constants.BUNDLE_VERSION, m.group(2));
            analyzer.setProperty(Constants.EXPORT_PACKAGE, "*;version=" + m.group(2));
            analyzer.setProperty(Constants.IMPORT_PACKAGE, "*;resolution:=optional");
            analyzer.setProperty("-noimportjava", "true");
            Manifest manifest = analyzer.calcManifest();
            analyzer.getJar().setManifest(manifest);
            analyzer.getJar().write(out.toFile());
        }
        return out;
    }

    /** Starts bundles (fragments are attached, not started); the first that cannot resolve or start throws. */
    static void startAll(List<Bundle> bundles) throws BundleException {
        for (Bundle b : bundles) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        }
    }

    @Override
    public void close() throws BundleException {
        framework.stop();
        try {
            framework.waitForStop(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<Path> jars(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(dir + " is missing: the pom copies the bundles there before "
                    + "integration-test (run mvn verify)");
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> jars = new ArrayList<>();
            s.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(jars::add);
            return jars;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
