package org.intstream.query.switchgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every name and size the controller uses exists, as written, in the committed P4Info of intstream.p4. */
class IntStreamP4NamesTest {
    private static final Path P4INFO = Path.of("..", "p4src", "build", "intstream.p4info.txt");

    @Test
    void everyNameConstantIsInTheP4Info() throws IOException, IllegalAccessException {
        String p4info = Files.readString(P4INFO);
        int checked = 0;
        for (Field f : IntStreamP4.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                assertThat(p4info).as(f.getName()).contains("name: \"" + f.get(null) + "\"");
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(10);
        for (int slot = 0; slot < IntStreamP4.SLOTS; slot++) {
            assertThat(p4info).contains("name: \"" + IntStreamP4.slotFilter(slot) + "\"")
                    .contains("name: \"" + IntStreamP4.slotConfigure(slot) + "\"")
                    .contains("name: \"" + IntStreamP4.slotSketchCounter(slot) + "\"");
        }
        assertThat(p4info).doesNotContain("name: \"IntStreamIngress.slot" + IntStreamP4.SLOTS + ".filter\"");
    }

    @Test
    void sizesMatchTheProgram() throws IOException {
        String p4info = Files.readString(P4INFO);
        assertThat(sizeAfter(p4info, IntStreamP4.slotFilter(0))).isEqualTo(IntStreamP4.SLOT_FILTER_TABLE_SIZE);
        assertThat(sizeAfter(p4info, IntStreamP4.slotSketchCounter(0))).isEqualTo(IntStreamP4.SLOT_COUNTER_CELLS);
    }

    /** The first "size: N" after an entity's name. */
    private static int sizeAfter(String p4info, String name) {
        int at = p4info.indexOf("name: \"" + name + "\"");
        Matcher m = Pattern.compile("size: (\\d+)").matcher(p4info);
        assertThat(m.find(at)).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
