package org.intstream.query.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.intstream.query.SourcePosition;

/**
 * {@code split}: sends every tuple of the input to several named branches, each its own pipeline; each
 * branch is a side output of the query ({@code split_processing.tcp}). A branch's pipeline starts from a
 * {@link BranchInputNode}.
 */
public final class SplitNode extends SingleInputPlan {

    /** One named side output. */
    public static final class Branch {
        private final String name;
        private final LogicalPlan plan;

        public Branch(String name, LogicalPlan plan) {
            this.name = Objects.requireNonNull(name, "branch name can't be null");
            this.plan = Objects.requireNonNull(plan, "branch plan can't be null");
        }

        public String name() {
            return name;
        }

        public LogicalPlan plan() {
            return plan;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Branch && ((Branch) o).name.equals(name) && ((Branch) o).plan.equals(plan);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, plan);
        }
    }

    private final List<Branch> branches;

    public SplitNode(LogicalPlan input, List<Branch> branches, SourcePosition position) {
        super(input, position);
        this.branches = List.copyOf(branches);
        if (this.branches.size() < 2) {
            throw new IllegalArgumentException("split needs at least two branches");
        }
    }

    public List<Branch> branches() {
        return branches;
    }

    public List<String> branchNames() {
        List<String> names = new ArrayList<>();
        for (Branch b : branches) {
            names.add(b.name());
        }
        return names;
    }

    @Override
    public LogicalPlan withInput(LogicalPlan input) {
        return new SplitNode(input, branches, position());
    }

    public SplitNode withBranches(List<Branch> newBranches) {
        return new SplitNode(input(), newBranches, position());
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitSplit(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SplitNode && ((SplitNode) o).branches.equals(branches) && sameInput((SplitNode) o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(branches, input());
    }
}
