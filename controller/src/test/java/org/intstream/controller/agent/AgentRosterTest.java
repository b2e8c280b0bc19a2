package org.intstream.controller.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.intstream.controller.query.DeployedQuery;
import org.junit.jupiter.api.Test;

class AgentRosterTest {
    private static final class NoLink implements AgentLink {
        @Override
        public void install(DeployedQuery query) {
        }

        @Override
        public void remove(String query) {
        }
    }

    @Test
    void aDisconnectedAgentIsExpectedUntilForgotten() {
        AgentRoster roster = new AgentRoster(1000);
        AgentLink a = new NoLink();
        roster.connected("a", "h1/eth0", a, 0);
        roster.connected("b", "h2/eth0", new NoLink(), 0);
        roster.disconnected("a", a, 100);
        assertThat(roster.expected(1099)).containsExactly("a", "b");
        assertThat(roster.links()).hasSize(1);
        assertThat(roster.expected(1100)).containsExactly("b");
        assertThat(roster.status()).extracting(AgentStatus::id).containsExactly("b");
    }

    @Test
    void theEndOfAReplacedConnectionLeavesTheNewOne() {
        AgentRoster roster = new AgentRoster(0);
        AgentLink old = new NoLink();
        AgentLink reconnect = new NoLink();
        roster.connected("a", "p", old, 0);
        roster.connected("a", "p", reconnect, 5);
        roster.disconnected("a", old, 6);
        assertThat(roster.links()).containsExactly(reconnect);
        assertThat(roster.expected(100)).containsExactly("a");
    }
}
