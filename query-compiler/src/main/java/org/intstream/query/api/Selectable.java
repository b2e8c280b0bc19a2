package org.intstream.query.api;

/**
 * What {@code map}, {@code reduce}, {@code by} and {@code sketch} take as a column: an {@link Expression},
 * named after itself when it is a field ({@code ip.src}) or, among aggregates, a call ({@code count}), or a
 * {@link NamedExpression} ({@code Exprs.field("ip.src").as("src")}).
 */
public abstract class Selectable {
    Selectable() {
    }

    abstract Expression expression();

    /** The name given with {@code as}, or null. */
    abstract String explicitName();
}
