package org.intstream.query.cql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.intstream.query.QueryException;
import org.intstream.query.function.FunctionRegistry;
import org.junit.jupiter.api.Test;

class SeedQueriesParseTest {
    static final FunctionRegistry F = FunctionRegistry.withProviders(SeedQueriesParseTest.class.getClassLoader());

    static final String TOP_K = String.join("\n",
            "Load: Select srcIP, destIP, Sum(len) as traffic",
            "From Packets [Range 20 Minute]",
            "Where colID = 'B'",
            "Group By srcIP, destIP",
            "Q: Select srcIP, destIP, traffic",
            "From Load as L1",
            "Where (Select Count(*)",
            "From Load as L2",
            "Where L2.traffic < L1.traffic) >",
            "(Select 0.95 * Count(*)",
            "From Load)",
            "Order By traffic");

    static final String CUSTOMER = String.join("\n",
            "(Select Count(*)",
            "From Packets [Range 60 Minute] B",
            "Packets C",
            "Where B.colID = 'B' and C.colID = 'C' and C.id = B.id)",
            "/",
            "(Select Count(*)",
            "From Packets [Range 60 Minute] B",
            "Where B.colID = 'B')");

    static final String PROTOCOL = String.join("\n",
            "Select Rstream(srcIP, Sum(len), Count(*))",
            "From Packets [Range 5 Minute",
            "Slide 5 Minute]",
            "Where destPort = '80'",
            "Group By srcIP");

    static final String SOURCE = String.join("\n",
            "Q1: Select Rstream(srcIP, Count(*) as num)",
            "From Packets [Range 1 Minute",
            "Slide 1 Minute]",
            "Group By srcIP",
            "Q2: Select Rstream(srcIP, ExpDecAvg(num))",
            "From Q1 [Range 10 Minute",
            "Slide 1 Minute]",
            "Group By srcIP");

    static final String MISBEHAVING = String.join("\n",
            "DelayedSynStream:",
            "Select Dstream (*)",
            "From Packets [Range 2 Minute] as P",
            "Where isSyn(P1.flags)",
            "MisbehavingSyn:",
            "Select *",
            "From DelayedSynStream [Now] S",
            "Where Exists (Select *",
            "From Packets [Range 2 Minute] P1",
            "Where isSyn(P1.flags) and isAck(P1.flags) and",
            "P1.srcIP = S.destIP and P1.srcPort = S.destPort and",
            "P1.destIP = S.srcIP and P1.destPort = S.srcPort) and",
            "Not Exists(Select *",
            "From Packets [Range 2 Minute] P2",
            "Where isAck(P2.flags) and",
            "P2.srcIP = S.srcIP and P2.srcPort = S.srcPort and",
            "P2.destIP = S.destIP and P2.destPort = S.destPort)");

    static final String FLOW = String.join("\n",
            "FlowStartIdentifyStream:",
            "(Select P1.*, 1 as flowStartBit",
            "From Packets [Now] as P1",
            "Where (P1.srcIP, P1.destIP) Not In",
            "(Select srcIP, destIP",
            "From Packets [Range 2 Minute] P2",
            "Where P2.timestamp < P1.timestamp))",
            "Union",
            "(Select P1.*, 0 as flowStartBit",
            "From Packets [Now] as P1",
            "Where (P1.srcIP, P1.destIP) In",
            "(Select srcIP, destIP",
            "From Packets [Range 2 Minute] P2",
            "Where P2.timestamp < P1.timestamp))",
            "FlowIdStream:",
            "(Select P1.*, flowId",
            "From FlowStartIdentifyStream [Now] P1,",
            "(Select P2.srcIP, P2.destIP, Count(*) as flowId",
            "From FlowStartIdentifyStream as P2",
            "Where P2.flowStartBit = 1",
            "Group By P2.srcIP, P2.destIP) I",
            "Where P1.srcIP = I.srcIP and P1.destIP = I.destIP",
            ")",
            "FlowInformation:",
            "Select srcIP, destIP, flowId, Count(*), Sum(len)",
            "From FlowIdStream F",
            "Group By srcIP, destIP, flowId");

    @Test
    void theSixSeedQueriesParseAsWritten() {
        List<CqlStatement> topk = CqlQueries.parse(TOP_K, F);
        assertThat(topk).extracting(CqlStatement::name).containsExactly("Load", "Q");
        assertThat(topk.get(0).isStream()).isFalse();
        assertThat(topk.get(1).schema().names()).containsExactly("srcIP", "destIP", "traffic");

        List<CqlStatement> customer = CqlQueries.parse(CUSTOMER, F);
        assertThat(customer).hasSize(1);
        assertThat(customer.get(0).schema().columns().get(0).type().toString()).isEqualTo("float");

        List<CqlStatement> protocol = CqlQueries.parse(PROTOCOL, F);
        assertThat(protocol.get(0).isStream()).isTrue();
        assertThat(protocol.get(0).schema().names()).containsExactly("srcIP", "sum_len", "count");

        List<CqlStatement> source = CqlQueries.parse(SOURCE, F);
        assertThat(source.get(1).schema().names()).containsExactly("srcIP", "expdecavg_num");

        String corrected = MISBEHAVING.replaceFirst("isSyn\\(P1\\.flags\\)", "isSyn(P.flags)");
        List<CqlStatement> misbehaving = CqlQueries.parse(corrected, F);
        assertThat(misbehaving).extracting(CqlStatement::isStream).containsExactly(true, true);

        List<CqlStatement> flow = CqlQueries.parse(FLOW, F);
        assertThat(flow).extracting(CqlStatement::isStream).containsExactly(true, true, false);
        assertThat(flow.get(2).schema().names()).containsExactly("srcIP", "destIP", "flowId", "count", "sum_len");
    }

    @Test
    void thePublishedMisbehavingQueryNamesItsUndefinedAlias() {
        assertThatThrownBy(() -> CqlQueries.parse(MISBEHAVING, F))
                .isInstanceOf(QueryException.class)
                .hasMessageContaining("line 4, column 13")
                .hasMessageContaining("unknown alias 'P1'")
                .hasMessageContaining("aliases here: [P]");
    }

    @Test
    void literalsAreReadAsTheTypeTheyAreComparedWith() {
        assertThatThrownBy(() -> CqlQueries.parse("Select * From Packets [Now] Where destPort = 'http'", F))
                .hasMessageContaining("the literal 'http' can't be read as int (compared with destPort)");
    }
}
