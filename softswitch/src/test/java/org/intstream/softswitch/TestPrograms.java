package org.intstream.softswitch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.intstream.softswitch.model.P4Program;
import org.intstream.softswitch.model.ProgramLoader;

/** The test programs compiled by p4c under src/test/resources/p4 (see the README there). */
public final class TestPrograms {
    private TestPrograms() {
    }

    public static String resource(String name) {
        try (InputStream in = TestPrograms.class.getResourceAsStream("/p4/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource p4/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads {@code p4/<name>.json}, with fresh state. */
    public static P4Program load(String name) {
        return ProgramLoader.parse(resource(name + ".json"), name + ".json");
    }
}
