package org.intstream.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.intstream.query.plan.LogicalPlan;
import org.intstream.query.plan.SplitNode;

/**
 * A named telemetry query: its parameters with defaults, its logical plan, and the comment written above
 * it. Parameters stay as references in the plan until the query is bound ({@link ParameterBinder}).
 * Equality compares name, parameters and plan.
 */
public final class QueryDefinition {
    private final String name;
    private final List<Parameter> parameters;
    private final LogicalPlan plan;
    private final String description;

    public QueryDefinition(String name, List<Parameter> parameters, LogicalPlan plan, String description) {
        this.name = Objects.requireNonNull(name, "query name can't be null");
        this.parameters = List.copyOf(parameters);
        this.plan = Objects.requireNonNull(plan, "query plan can't be null");
        this.description = description == null ? "" : description;
    }

    public String name() {
        return name;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    public Parameter parameter(String paramName) {
        for (Parameter p : parameters) {
            if (p.name().equals(paramName)) {
                return p;
            }
        }
        return null;
    }

    public LogicalPlan plan() {
        return plan;
    }

    public String description() {
        return description;
    }

    /** The names of the query's outputs: its own name, or {@code name.branch} per branch of a final split. */
    public List<String> outputNames() {
        List<String> names = new ArrayList<>();
        if (plan instanceof SplitNode) {
            for (String b : ((SplitNode) plan).branchNames()) {
                names.add(name + "." + b);
            }
        } else {
            names.add(name);
        }
        return names;
    }

    public QueryDefinition withPlan(LogicalPlan newPlan) {
        return new QueryDefinition(name, parameters, newPlan, description);
    }

    public QueryDefinition withName(String newName) {
        return new QueryDefinition(newName, parameters, plan, description);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueryDefinition && ((QueryDefinition) o).name.equals(name)
                && ((QueryDefinition) o).parameters.equals(parameters) && ((QueryDefinition) o).plan.equals(plan);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, parameters, plan);
    }

    @Override
    public String toString() {
        return "query " + name + parameters + "\n" + plan;
    }
}
