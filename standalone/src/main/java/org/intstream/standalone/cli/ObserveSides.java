package org.intstream.standalone.cli;

import java.util.Locale;
import org.intstream.query.partition.PlanSplitter;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --observe}: {@code by-key} or {@code sender} (any case). */
public final class ObserveSides implements ITypeConverter<PlanSplitter.Sides> {
    @Override
    public PlanSplitter.Sides convert(String value) {
        switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "by-key":
                return PlanSplitter.Sides.BY_KEY;
            case "sender":
                return PlanSplitter.Sides.SENDER;
            default:
                throw new TypeConversionException("--observe wants by-key or sender, not '" + value + "'");
        }
    }
}
