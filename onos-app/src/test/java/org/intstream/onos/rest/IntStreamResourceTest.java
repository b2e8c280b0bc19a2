package org.intstream.onos.rest;

import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.test.JerseyTest;
import org.glassfish.jersey.test.TestProperties;
import org.glassfish.jersey.test.jetty.JettyTestContainerFactory;
import org.glassfish.jersey.test.spi.TestContainerFactory;
import org.intstream.onos.IntStreamRuntimeService;
import org.intstream.onos.IntStreamService;
import org.intstream.onos.query.WiredIntStreamManager;
import org.intstream.onos.testing.TestCodecService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.onlab.junit.TestUtils;
import org.onlab.osgi.TestServiceDirectory;
import org.onlab.rest.AuthorizationFilter;
import org.onlab.rest.BaseResource;
import org.onosproject.codec.CodecService;

/**
 * IntStream's web application in Jetty on a free loopback port, as ONOS's own ResourceTest runs core
 * resources (that class can't be used from Maven Central: onos-rest ships its filters under WEB-INF/classes),
 * over an activated manager and the registered codecs. JerseyTest is JUnit 4's; JUnit 5 drives it here.
 */
abstract class IntStreamResourceTest extends JerseyTest {
    protected WiredIntStreamManager manager;

    IntStreamResourceTest() {
        super(ResourceConfig.forApplicationClass(IntStreamWebApplication.class));
        set(TestProperties.CONTAINER_PORT, "0");
        AuthorizationFilter.disableForTests();
    }

    @Override
    protected TestContainerFactory getTestContainerFactory() {
        return new JettyTestContainerFactory();
    }

    @BeforeEach
    void startServer() throws Exception {
        manager = new WiredIntStreamManager();
        TestCodecService codecs = new TestCodecService();
        CodecRegistrator registrator = new CodecRegistrator();
        registrator.codecService = codecs;
        registrator.activate();
        TestUtils.setField(BaseResource.class, "services", new TestServiceDirectory()
                .add(IntStreamService.class, manager).add(IntStreamRuntimeService.class, manager.runtimeManager)
                .add(CodecService.class, codecs));
        setUp();
    }

    @AfterEach
    void stopServer() throws Exception {
        tearDown();
    }
}
