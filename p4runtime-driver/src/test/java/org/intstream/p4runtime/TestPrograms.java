package org.intstream.p4runtime;

import java.nio.file.Path;

/** The committed outputs of src/test/p4/driver_test.p4 (rebuilt by src/test/p4/build.sh). */
final class TestPrograms {

    static final Path P4INFO = Path.of("src/test/resources/p4/driver_test.p4info.txt");
    static final Path BMV2_JSON = Path.of("src/test/resources/p4/driver_test.json");

    private TestPrograms() {
    }

    static P4InfoIndex index() {
        try {
            return new P4InfoIndex(P4InfoFiles.read(P4INFO));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
