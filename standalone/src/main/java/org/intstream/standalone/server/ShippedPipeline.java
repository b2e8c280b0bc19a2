package org.intstream.standalone.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.intstream.p4runtime.P4InfoFiles;
import org.intstream.p4runtime.PipelineConfig;

/** {@code intstream.p4}'s p4c outputs as this jar carries them under {@code /p4/}: what the controller pushes. */
final class ShippedPipeline {
    private ShippedPipeline() {
    }

    /** @throws IOException when this build does not carry them */
    static PipelineConfig load() throws IOException {
        byte[] p4info = resource("intstream.p4info.txt");
        byte[] json = resource("intstream.json");
        return new PipelineConfig(P4InfoFiles.parseText(new String(p4info, StandardCharsets.UTF_8),
                "/p4/intstream.p4info.txt"), json);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream s = ShippedPipeline.class.getResourceAsStream("/p4/" + name)) {
            if (s == null) {
                throw new IOException("this build does not carry /p4/" + name + " (intstream.p4's p4c output)");
            }
            return s.readAllBytes();
        }
    }
}
