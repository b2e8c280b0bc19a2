package org.intstream.standalone.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.intstream.query.partition.PlanSplitter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

class ObserveSidesTest {
    @Test
    void convert() {
        assertThat(new ObserveSides().convert("by-key")).isEqualTo(PlanSplitter.Sides.BY_KEY);
        assertThat(new ObserveSides().convert(" Sender ")).isEqualTo(PlanSplitter.Sides.SENDER);
        assertThatThrownBy(() -> new ObserveSides().convert("receiver")).isInstanceOf(TypeConversionException.class)
                .hasMessage("--observe wants by-key or sender, not 'receiver'");
    }

    @Test
    void theControllerObservesByKeyUnlessToldSender() {
        ControllerCommand byDefault = new ControllerCommand();
        new CommandLine(byDefault).parseArgs();
        assertThat(byDefault.sides).isEqualTo(PlanSplitter.Sides.BY_KEY);
        ControllerCommand sender = new ControllerCommand();
        new CommandLine(sender).parseArgs("--observe", "sender");
        assertThat(sender.sides).isEqualTo(PlanSplitter.Sides.SENDER);
    }
}
