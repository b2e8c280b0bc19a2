package org.intstream.p4runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;
import p4.v1.P4RuntimeOuterClass.FieldMatch;
import p4.v1.P4RuntimeOuterClass.TableEntry;

class TableEntryCodecTest {

    private final P4InfoIndex index = TestPrograms.index();
    private final TableEntryCodec codec = new TableEntryCodec(index);

    private static TableEntrySpec aclEntry() {
        return TableEntrySpec.builder("acl").optional("in_port", 255).ternary("ether_type", 0x0800, 0xFFFF)
                .ternary("ipv4_src", "10.0.0.0", "255.0.0.0").range("ttl", 1, 64).priority(10)
                .action(ActionSpec.of("count_and_clone").param("index", 3).param("session", 100)).build();
    }

    @Test
    void encodesEveryMatchKindInCanonicalForm() {
        TableEntry entry = codec.encode(aclEntry(), true);
        assertThat(entry.getTableId()).isEqualTo(index.table("acl").getPreamble().getId());
        assertThat(entry.getPriority()).isEqualTo(10);
        assertThat(entry.getMatchList()).extracting(FieldMatch::getFieldId).containsExactly(1, 2, 3, 4);
        assertThat(entry.getMatch(0).getOptional().getValue()).isEqualTo(bytes(0xFF));
        assertThat(entry.getMatch(1).getTernary().getValue()).isEqualTo(bytes(0x08, 0x00));
        assertThat(entry.getMatch(2).getTernary().getValue()).isEqualTo(bytes(0x0A, 0, 0, 0));
        assertThat(entry.getMatch(2).getTernary().getMask()).isEqualTo(bytes(0xFF, 0, 0, 0));
        assertThat(entry.getMatch(3).getRange().getLow()).isEqualTo(bytes(1));
        assertThat(entry.getMatch(3).getRange().getHigh()).isEqualTo(bytes(64));
        assertThat(entry.getAction().getAction().getParams(0).getValue()).isEqualTo(bytes(3));
        assertThat(entry.getAction().getAction().getParams(1).getValue()).isEqualTo(bytes(100));

        TableEntry lpm = codec.encode(TableEntrySpec.builder("ipv4_lpm").lpm("ipv4_dst", "10.1.0.0", 16)
                .action(ActionSpec.of("set_next_hop").param("dmac", "00:00:00:00:00:02").param("port", 2)).build(), true);
        assertThat(lpm.getMatch(0).getLpm().getValue()).isEqualTo(bytes(0x0A, 0x01, 0, 0));
        assertThat(lpm.getMatch(0).getLpm().getPrefixLen()).isEqualTo(16);
        assertThat(lpm.getAction().getAction().getParams(0).getValue()).isEqualTo(bytes(2));
        assertThat(lpm.getPriority()).isZero();
    }

    @Test
    void decodesBackToTheSameSpecUnderFullNames() {
        TableEntrySpec decoded = codec.decode(codec.encode(aclEntry(), true));
        assertThat(decoded.table()).isEqualTo("DriverTestIngress.acl");
        assertThat(decoded.matches()).isEqualTo(aclEntry().matches());
        assertThat(decoded.priority()).isEqualTo(10);
        assertThat(decoded.action().name()).isEqualTo("DriverTestIngress.count_and_clone");
        assertThat(decoded.action().params()).isEqualTo(aclEntry().action().params());
    }

    @Test
    void theKeyIgnoresTheActionAndTheOrderFieldsWereGivenIn() {
        TableEntrySpec reordered = TableEntrySpec.builder("DriverTestIngress.acl").range("ttl", 1, 64)
                .ternary("ipv4_src", "10.0.0.0", "255.0.0.0").ternary("ether_type", 0x0800, 0xFFFF)
                .optional("in_port", 255).priority(10).action("drop").build();
        assertThat(codec.encodeKey(reordered)).isEqualTo(codec.encodeKey(aclEntry()));
    }

    @Test
    void defaultActionHasNoMatch() {
        TableEntry entry = codec.encode(TableEntrySpec.defaultAction("l2_exact", ActionSpec.of("drop")), true);
        assertThat(entry.getIsDefaultAction()).isTrue();
        assertThat(entry.getMatchCount()).isZero();
        assertThat(entry.getAction().getAction().getActionId())
                .isEqualTo(index.action("drop").getPreamble().getId());
    }

    @Test
    void valuesWiderThanTheFieldAreRefusedWithTheWidth() {
        TableEntrySpec tooWide = TableEntrySpec.builder("acl").optional("in_port", 512).priority(1).action("drop").build();
        assertThatThrownBy(() -> codec.encode(tooWide, true)).isInstanceOf(InvalidEntityException.class)
                .hasMessageContaining("table entry DriverTestIngress.acl{in_port=0x200?, priority=1}: field in_port")
                .hasMessageContaining("needs 10 bits but the field is 9 bits wide (max 511)");
        TableEntrySpec wideParam = TableEntrySpec.builder("l2_exact").exact("dst_mac", "00:00:00:00:00:01")
                .action(ActionSpec.of("set_egress_port").param("port", 1000)).build();
        assertThatThrownBy(() -> codec.encode(wideParam, true))
                .hasMessageContaining("action DriverTestIngress.set_egress_port parameter port")
                .hasMessageContaining("9 bits wide");
    }

    @Test
    void unknownNamesAreRefusedNamingTheEntry() {
        assertThatThrownBy(() -> codec.encode(TableEntrySpec.builder("acll").action("drop").build(), true))
                .hasMessageContaining("unknown table 'acll'");
        assertThatThrownBy(() -> codec.encode(TableEntrySpec.builder("l2_exact").exact("dst_mak", 1)
                .action("drop").build(), true))
                .hasMessageContaining("table entry DriverTestIngress.l2_exact{dst_mak=0x01}: table DriverTestIngress.l2_exact has no "
                        + "match field 'dst_mak'");
        assertThatThrownBy(() -> codec.encode(TableEntrySpec.builder("l2_exact").exact("dst_mac", 1)
                .action("dorp").build(), true)).hasMessageContaining("unknown action 'dorp'");
        assertThatThrownBy(() -> codec.encode(TableEntrySpec.builder("l2_exact").exact("dst_mac", 1)
                .action(ActionSpec.of("set_egress_port").param("prt", 1)).build(), true))
                .hasMessageContaining("has no parameter 'prt'");
        assertThatThrownBy(() -> codec.encode(TableEntrySpec.builder("l2_exact").exact("dst_mac", 1)
                .action("count_only").build(), true)).hasMessageContaining("does not allow action");
    }

    @Test
    void matchRulesOfP4RuntimeAreCheckedBeforeSending() {
        assertThatThrownBy(() -> codec.encode(TableEntrySpec.builder("acl").ternary("ipv4_src", "10.0.0.1", "255.0.0.0")
                .priority(1).action("drop").build(), true)).hasMessageContaining("has bits outside mask");
        assertThatThrownBy(() -> codec.encode(TableEntrySpec.builder("acl").ternary("ipv4_src", 0, 0)
                .priority(1).action("drop").build(), true)).hasMessageContaining("zero mask matches anything");
        assertThatThrownBy(() -> codec.encode(TableEntrySpec.builder("ipv4_lpm").lpm("ipv4_dst", "10.1.2.0", 16)
                .action("drop").build(), true)).hasMessageContaining("bits set past the /16 prefix");
        assertThatThrownBy(() -> codec.encode(TableEntrySpec.builder("ipv4_lpm").lpm("ipv4_dst", "10.0.0.0", 33)
                .action("drop").build(), true)).hasMessageContaining("not within 1..32");
        assertThatThrownBy(() -> codec.encode(TableEntrySpec.builder("acl").range("ttl", 9, 3).priority(1)
                .action("drop").build(), true)).hasMessageContaining("range low 0x09 is above high 0x03");
        assertThatThrownBy(() -> codec.encode(TableEntrySpec.builder("acl").exact("ttl", 3).priority(1)
                .action("drop").build(), true)).hasMessageContaining("is a RANGE field, but was given a EXACT match");
        assertThatThrownBy(() -> codec.encode(TableEntrySpec.builder("l2_exact").action("drop").build(), true))
                .hasMessageContaining("exact field dst_mac is missing");
        assertThatThrownBy(() -> codec.encode(TableEntrySpec.builder("acl").range("ttl", 1, 2).action("drop").build(),
                true)).hasMessageContaining("needs a priority");
        assertThatThrownBy(() -> codec.encode(TableEntrySpec.builder("l2_exact").exact("dst_mac", 1).priority(5)
                .action("drop").build(), true)).hasMessageContaining("must not have a priority");
        assertThat(codec.encode(TableEntrySpec.builder("l2_exact").exact("dst_mac", 1).priority(0)
                .action("drop").build(), true).getPriority()).isZero();
        assertThatThrownBy(() -> TableEntrySpec.builder("acl").priority(-1)).hasMessageContaining("negative");
        assertThatThrownBy(() -> codec.encode(TableEntrySpec.builder("l2_exact").exact("dst_mac", 1)
                .action("set_egress_port").build(), true)).hasMessageContaining("parameter port (9 bits) is missing");
        assertThatThrownBy(() -> codec.encode(TableEntrySpec.builder("l2_exact").exact("dst_mac", 1).build(), true))
                .hasMessageContaining("no action given");
    }

    @Test
    void prefixesMayBeWrittenAsCidr() {
        assertThat(TableEntrySpec.builder("ipv4_lpm").lpm("ipv4_dst", "10.1.0.0/16").build().matches().get("ipv4_dst"))
                .isEqualTo(Match.lpm(P4Value.parse("10.1.0.0"), 16));
        assertThatThrownBy(() -> TableEntrySpec.builder("ipv4_lpm").lpm("ipv4_dst", "10.1.0.0"))
                .hasMessageContaining("'10.1.0.0' has no /length");
        assertThatThrownBy(() -> TableEntrySpec.builder("ipv4_lpm").lpm("ipv4_dst", "10.1.0.0/x"))
                .hasMessageContaining("no valid prefix length");
    }

    @Test
    void deleteNeedsOnlyTheKey() {
        TableEntry key = codec.encode(TableEntrySpec.builder("l2_exact").exact("dst_mac", 1).build(), false);
        assertThat(key.hasAction()).isFalse();
    }

    private static ByteString bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return ByteString.copyFrom(b);
    }
}
