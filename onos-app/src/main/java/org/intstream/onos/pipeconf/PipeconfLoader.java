package org.intstream.onos.pipeconf;

import static org.intstream.onos.AppConstants.PIPECONF_ID;
import static org.onosproject.net.pi.model.PiPipeconf.ExtensionType.BMV2_JSON;
import static org.onosproject.net.pi.model.PiPipeconf.ExtensionType.P4_INFO_TEXT;

import java.net.URL;
import org.onosproject.net.behaviour.Pipeliner;
import org.onosproject.net.pi.model.DefaultPiPipeconf;
import org.onosproject.net.pi.model.PiPipeconf;
import org.onosproject.net.pi.model.PiPipelineInterpreter;
import org.onosproject.net.pi.model.PiPipelineModel;
import org.onosproject.net.pi.service.PiPipeconfService;
import org.onosproject.p4runtime.model.P4InfoParser;
import org.onosproject.p4runtime.model.P4InfoParserException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the intstream.p4 pipeconf with ONOS: the P4Info and BMv2 JSON that p4c produced (copied into
 * the bundle from {@code p4src/build} at build time), the interpreter and the pipeliner. Devices whose
 * netcfg names {@link org.intstream.onos.AppConstants#PIPECONF_ID} get the program pushed by ONOS's BMv2
 * driver.
 */
@Component(immediate = true, service = PipeconfLoader.class)
public final class PipeconfLoader {
    /** Where the build puts the p4c outputs inside the bundle. */
    public static final String P4INFO_RESOURCE = "/p4/intstream.p4info.txt";
    public static final String BMV2_JSON_RESOURCE = "/p4/intstream.json";

    private static volatile PiPipelineModel model;

    private final Logger log = LoggerFactory.getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    PiPipeconfService pipeconfService;

    @Activate
    protected void activate() {
        // A reinstalled application brings a possibly different program: replace the old registration.
        if (pipeconfService.getPipeconf(PIPECONF_ID).isPresent()) {
            pipeconfService.unregister(PIPECONF_ID);
        }
        pipeconfService.register(buildPipeconf());
        log.info("Registered pipeconf {}", PIPECONF_ID);
    }

    @Deactivate
    protected void deactivate() {
        if (pipeconfService.getPipeconf(PIPECONF_ID).isPresent()) {
            pipeconfService.unregister(PIPECONF_ID);
        }
        log.info("Unregistered pipeconf {}", PIPECONF_ID);
    }

    /**
     * The pipeconf built from the bundle's resources.
     *
     * @throws IllegalStateException when a resource is missing or the P4Info does not parse
     */
    public static PiPipeconf buildPipeconf() {
        URL p4Info = resource(P4INFO_RESOURCE);
        URL bmv2Json = resource(BMV2_JSON_RESOURCE);
        return DefaultPiPipeconf.builder()
                .withId(PIPECONF_ID)
                .withPipelineModel(pipelineModel())
                .addBehaviour(PiPipelineInterpreter.class, InterpreterImpl.class)
                .addBehaviour(Pipeliner.class, PipelinerImpl.class)
                .addExtension(P4_INFO_TEXT, p4Info)
                .addExtension(BMV2_JSON, bmv2Json)
                .build();
    }

    /** The pipeline model parsed from the bundle's P4Info (once: the bundle's P4Info never changes). */
    public static PiPipelineModel pipelineModel() {
        PiPipelineModel m = model;
        if (m == null) {
            try {
                m = P4InfoParser.parse(resource(P4INFO_RESOURCE));
            } catch (P4InfoParserException e) {
                throw new IllegalStateException("cannot parse " + P4INFO_RESOURCE + ": " + e.getMessage(), e);
            }
            model = m;
        }
        return m;
    }

    private static URL resource(String path) {
        URL url = PipeconfLoader.class.getResource(path);
        if (url == null) {
            throw new IllegalStateException(path + " is not in the bundle; the build copies it from p4src/build");
        }
        return url;
    }
}
