package org.intstream.softswitch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.intstream.softswitch.TestPrograms;
import org.junit.jupiter.api.Test;

/** Malformed or unsupported BMv2 JSON is refused with the JSON pointer of the problem and what it is. */
class ProgramLoaderTest {
    private static final String FORWARDING = TestPrograms.resource("forwarding.json");

    private static ProgramFormatException refused(String json) {
        try {
            ProgramLoader.parse(json, "test.json");
        } catch (ProgramFormatException e) {
            return e;
        }
        throw new AssertionError("the program loaded");
    }

    @Test
    void loadsTheTestPrograms() {
        P4Program p = ProgramLoader.parse(FORWARDING, "forwarding.json");
        assertThat(p.name()).isEqualTo("forwarding.p4");
        assertThat(p.tables()).containsKeys("TestIngress.l2", "TestIngress.routes", "TestIngress.acl", "TestIngress.port_class");
        assertThat(p.table("TestIngress.port_class").constEntries()).isTrue();
        assertThat(p.table("TestIngress.port_class").size()).isEqualTo(3);
    }

    @Test
    void syntaxErrorsGiveLineAndColumn() {
        ProgramFormatException e = refused("{\n  \"headers\": [,]\n}");
        assertThat(e.getMessage()).startsWith("test.json:2:").contains("not valid JSON");
        assertThat(refused("[1, 2]").getMessage()).isEqualTo("test.json: a BMv2 JSON program must be a JSON object");
    }

    @Test
    void missingMembersAreNamedByPointer() {
        ProgramFormatException e = refused(FORWARDING.replaceFirst("\"init_state\"", "\"init_stat\""));
        assertThat(e.where()).isEqualTo("/parsers/0/init_state");
        assertThat(e.getMessage()).endsWith("required member is missing");
    }

    @Test
    void unknownNamesAreRefusedWhereTheyAreUsed() {
        ProgramFormatException header = refused(FORWARDING.replace("[\"ethernet\", \"ether_type\"]", "[\"ethernet\", \"ethertype\"]"));
        assertThat(header.getMessage()).contains("header \"ethernet\" has no field \"ethertype\"");
        assertThat(header.where()).isEqualTo("/actions/15/primitives/0/parameters/0/value");

        ProgramFormatException state = refused(FORWARDING.replace("\"next_state\" : \"parse_vlan\"", "\"next_state\" : \"parse_vlam\""));
        assertThat(state.getMessage()).contains("unknown parse state \"parse_vlam\"");

        ProgramFormatException type = refused(FORWARDING.replace("\"header_type\" : \"vlan_t\"", "\"header_type\" : \"vlan_x\""));
        assertThat(type.getMessage()).contains("unknown header type \"vlan_x\"");
    }

    @Test
    void unsupportedConstructsAreRefusedNotSkipped() {
        ProgramFormatException prim = refused(FORWARDING.replace("\"op\" : \"mark_to_drop\"", "\"op\" : \"modify_field_rand_between\""));
        assertThat(prim.getMessage()).contains("primitive \"modify_field_rand_between\" is not supported by the soft switch");
        assertThat(prim.where()).matches("/actions/\\d+/primitives/0/op");

        ProgramFormatException op = refused(FORWARDING.replace("\"op\" : \"d2b\"", "\"op\" : \"frob\""));
        assertThat(op.getMessage()).contains("unsupported expression operation \"frob\"");

        ProgramFormatException algo = refused(FORWARDING.replace("\"algo\" : \"csum16\"", "\"algo\" : \"random\""));
        assertThat(algo.getMessage()).contains("hash algorithm \"random\"");
    }

    @Test
    void badValuesAreRefused() {
        ProgramFormatException hex = refused(FORWARDING.replace("\"value\" : \"0x8100\"", "\"value\" : \"8100\""));
        assertThat(hex.getMessage()).contains("expected a hex string like \"0x0a\", found \"8100\"");

        ProgramFormatException width = refused(FORWARDING.replace("[\"ttl\", 8, false]", "[\"ttl\", 0, false]"));
        assertThat(width.getMessage()).contains("field \"ttl\" of \"ipv4_t\" has width 0");

        ProgramFormatException type = refused(FORWARDING.replace("\"max_size\" : 64", "\"max_size\" : \"64\""));
        assertThat(type.getMessage()).contains("expected an integer, found string \"64\"");
    }
}
