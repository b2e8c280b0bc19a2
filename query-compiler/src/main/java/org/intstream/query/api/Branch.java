package org.intstream.query.api;

import java.util.Objects;
import java.util.function.Function;

/**
 * One named side output of a split: a function that builds the branch's pipeline from the split's input,
 * a stage of the same kind (a {@link WindowedRelation} when the split follows a window).
 *
 * <pre>{@code
 * relation.split(
 *         Branch.of("tcp", in -> in.filter(field("ip.proto").eq(6)).reduce(Aggregates.count().as("tcp"))),
 *         Branch.of("udp", in -> in.filter(field("ip.proto").eq(17)).reduce(Aggregates.count().as("udp"))))
 * }</pre>
 *
 * Immutable.
 *
 * @param <S> the stage the branch starts from
 */
public final class Branch<S extends Pipeline> {
    private final String name;
    private final Function<? super S, ? extends Pipeline> body;

    private Branch(String name, Function<? super S, ? extends Pipeline> body) {
        this.name = name;
        this.body = body;
    }

    public static <S extends Pipeline> Branch<S> of(String name, Function<? super S, ? extends Pipeline> body) {
        Names.ident(name, "branch name");
        return new Branch<>(name, Objects.requireNonNull(body, "the function of branch '" + name + "' can't be null"));
    }

    public String name() {
        return name;
    }

    Function<? super S, ? extends Pipeline> body() {
        return body;
    }

    @Override
    public String toString() {
        return "branch " + name;
    }
}
