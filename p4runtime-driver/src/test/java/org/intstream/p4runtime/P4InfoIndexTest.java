package org.intstream.p4runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import p4.config.v1.P4InfoOuterClass.MatchField;
import p4.config.v1.P4InfoOuterClass.P4Info;
import p4.config.v1.P4InfoOuterClass.Table;

class P4InfoIndexTest {

    static final Path P4INFO = TestPrograms.P4INFO;

    @Test
    void findsObjectsByFullNameAliasAndId() throws Exception {
        P4InfoIndex index = new P4InfoIndex(P4InfoFiles.read(P4INFO));
        Table acl = index.table("acl");
        assertThat(index.table("DriverTestIngress.acl")).isSameAs(acl);
        assertThat(index.table(acl.getPreamble().getId())).isSameAs(acl);
        assertThat(P4InfoIndex.matchField(acl, "ttl").getMatchType()).isEqualTo(MatchField.MatchType.RANGE);
        assertThat(P4InfoIndex.matchField(acl, "in_port").getBitwidth()).isEqualTo(9);
        assertThat(P4InfoIndex.param(index.action("set_next_hop"), "dmac").getBitwidth()).isEqualTo(48);
        assertThat(index.counter("acl_hits").getSize()).isEqualTo(1024);
        assertThat(index.meter("DriverTestIngress.port_meter").getSize()).isEqualTo(16);
        assertThat(index.packetMetadata("packet_in").getMetadata(0).getName()).isEqualTo("ingress_port");
        assertThat(P4InfoIndex.needsPriority(acl)).isTrue();
        assertThat(P4InfoIndex.needsPriority(index.table("ipv4_lpm"))).isFalse();
    }

    @Test
    void unknownNamesListWhatExists() throws Exception {
        P4InfoIndex index = new P4InfoIndex(P4InfoFiles.read(P4INFO));
        assertThatThrownBy(() -> index.table("acll")).isInstanceOf(InvalidEntityException.class)
                .hasMessageContaining("unknown table 'acll'").hasMessageContaining("DriverTestIngress.acl (acl)");
        assertThatThrownBy(() -> P4InfoIndex.matchField(index.table("acl"), "tll"))
                .hasMessageContaining("has no match field 'tll'").hasMessageContaining("in_port, ether_type, ipv4_src, ttl");
        assertThatThrownBy(() -> P4InfoIndex.param(index.action("set_egress_port"), "prt"))
                .hasMessageContaining("no parameter 'prt'").hasMessageContaining("its parameters: port");
        assertThatThrownBy(() -> index.actionRef(index.table("l2_exact"), index.action("set_next_hop")))
                .hasMessageContaining("does not allow action DriverTestIngress.set_next_hop")
                .hasMessageContaining("DriverTestIngress.set_egress_port");
        assertThatThrownBy(() -> index.counter(99)).hasMessageContaining("no counter with id 99");
    }

    @Test
    void readsTextWithFieldsNewerThanTheStubs() throws Exception {
        // p4c writes has_initial_entries for tables with const entries; the 1.2 schema lacks it.
        String text = "tables {\n  preamble { id: 7 name: \"c.t\" alias: \"t\" }\n  has_initial_entries: true\n"
                + "  match_fields { id: 1 name: \"f\" bitwidth: 8 match_type: EXACT }\n  size: 4\n}\n";
        P4Info info = P4InfoFiles.parseText(text, "inline");
        assertThat(new P4InfoIndex(info).table("t").getSize()).isEqualTo(4);
    }

    @Test
    void damagedTextNamesTheSourceAndLine() {
        assertThatThrownBy(() -> P4InfoFiles.parseText("tables {\n  preamble { id: x }\n}\n", "broken.p4info.txt"))
                .hasMessageContaining("broken.p4info.txt").hasMessageContaining("2:");
    }
}
