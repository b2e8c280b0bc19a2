package org.intstream.query.plan;

import java.util.ArrayList;
import java.util.List;

/** Whether a plan produces a stream or a relation (CQL's two kinds), and small structural helpers. */
public final class PlanKinds {
    private PlanKinds() {
    }

    /**
     * True when the plan is a relation: a window, or anything over one until a relation-to-stream operator.
     * Scans are streams (a query's output is always a stream). A split's branches decide for themselves.
     */
    public static boolean isRelation(LogicalPlan plan) {
        if (plan instanceof WindowNode || plan instanceof OneRowNode) {
            return true;
        }
        if (plan instanceof ScanNode) {
            return ((ScanNode) plan).isRelation();
        }
        if (plan instanceof StreamNode || plan instanceof BranchInputNode) {
            return false;
        }
        for (LogicalPlan in : plan.inputs()) {
            if (isRelation(in)) {
                return true;
            }
        }
        return false;
    }

    /** The plan with every {@link BranchInputNode} leaf replaced by {@code input}. */
    public static LogicalPlan replaceBranchInput(LogicalPlan plan, LogicalPlan input) {
        if (plan instanceof BranchInputNode) {
            return input;
        }
        List<LogicalPlan> inputs = new ArrayList<>();
        boolean changed = false;
        for (LogicalPlan in : plan.inputs()) {
            LogicalPlan r = replaceBranchInput(in, input);
            changed |= r != in;
            inputs.add(r);
        }
        return changed ? plan.withInputs(inputs) : plan;
    }

    /** The nodes of a plan from the leaves up (inputs before the nodes that read them), branches included. */
    public static List<LogicalPlan> postOrder(LogicalPlan plan) {
        List<LogicalPlan> out = new ArrayList<>();
        collect(plan, out);
        return out;
    }

    private static void collect(LogicalPlan plan, List<LogicalPlan> out) {
        for (LogicalPlan in : plan.inputs()) {
            collect(in, out);
        }
        if (plan instanceof SplitNode) {
            for (SplitNode.Branch b : ((SplitNode) plan).branches()) {
                collect(b.plan(), out);
            }
        }
        out.add(plan);
    }
}
