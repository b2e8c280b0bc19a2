package org.intstream.onos.pipeconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.intstream.onos.AppConstants;
import org.junit.jupiter.api.Test;
import org.onosproject.net.behaviour.Pipeliner;
import org.onosproject.net.pi.PiPipeconfServiceAdapter;
import org.onosproject.net.pi.model.PiPipeconf;
import org.onosproject.net.pi.model.PiPipeconfId;
import org.onosproject.net.pi.model.PiPipelineInterpreter;
import org.onosproject.net.pi.model.PiPacketOperationType;

class PipeconfLoaderTest {
    /** Registered pipeconfs by id; registering one that is there fails, as in ONOS. */
    static final class PipeconfRegistry extends PiPipeconfServiceAdapter {
        final Map<PiPipeconfId, PiPipeconf> pipeconfs = new HashMap<>();
        final List<String> calls = new ArrayList<>();

        @Override
        public void register(PiPipeconf pipeconf) {
            if (pipeconfs.putIfAbsent(pipeconf.id(), pipeconf) != null) {
                throw new IllegalStateException("already registered: " + pipeconf.id());
            }
            calls.add("register " + pipeconf.id());
        }

        @Override
        public void unregister(PiPipeconfId id) {
            pipeconfs.remove(id);
            calls.add("unregister " + id);
        }

        @Override
        public Optional<PiPipeconf> getPipeconf(PiPipeconfId id) {
            return Optional.ofNullable(pipeconfs.get(id));
        }
    }

    @Test
    void activateRegistersThePipeconfWithTheProgramAndItsBehaviours() throws IOException {
        PipeconfLoader loader = new PipeconfLoader();
        PipeconfRegistry registry = new PipeconfRegistry();
        loader.pipeconfService = registry;
        loader.activate();

        PiPipeconf p = registry.pipeconfs.get(AppConstants.PIPECONF_ID);
        assertThat(p).isNotNull();
        assertThat(p.implementation(PiPipelineInterpreter.class)).contains(InterpreterImpl.class);
        assertThat(p.implementation(Pipeliner.class)).contains(PipelinerImpl.class);
        assertThat(p.pipelineModel().architecture()).contains("v1model");
        assertThat(p.pipelineModel().tables()).hasSize(11);
        assertThat(p.pipelineModel().packetOperationModel(PiPacketOperationType.PACKET_OUT)).isPresent();
        // The bundle ships exactly the committed p4c outputs.
        assertThat(read(p, PiPipeconf.ExtensionType.BMV2_JSON))
                .isEqualTo(Files.readAllBytes(Path.of("..", "p4src", "build", "intstream.json")));
        assertThat(read(p, PiPipeconf.ExtensionType.P4_INFO_TEXT))
                .isEqualTo(Files.readAllBytes(Path.of("..", "p4src", "build", "intstream.p4info.txt")));
    }

    @Test
    void reactivationReplacesTheRegistrationAndDeactivationRemovesIt() {
        PipeconfLoader loader = new PipeconfLoader();
        PipeconfRegistry registry = new PipeconfRegistry();
        loader.pipeconfService = registry;
        loader.activate();
        loader.activate();
        assertThat(registry.calls).containsExactly("register " + AppConstants.PIPECONF_ID,
                "unregister " + AppConstants.PIPECONF_ID, "register " + AppConstants.PIPECONF_ID);
        loader.deactivate();
        assertThat(registry.pipeconfs).isEmpty();
    }

    private static byte[] read(PiPipeconf p, PiPipeconf.ExtensionType type) throws IOException {
        try (InputStream in = p.extension(type).orElseThrow()) {
            return in.readAllBytes();
        }
    }
}
