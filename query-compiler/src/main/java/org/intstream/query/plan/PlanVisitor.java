package org.intstream.query.plan;

/** Visits the kinds of {@link LogicalPlan} node. */
public interface PlanVisitor<R> {
    R visitScan(ScanNode node);

    R visitWindow(WindowNode node);

    R visitFilter(FilterNode node);

    R visitProject(ProjectNode node);

    R visitDistinct(DistinctNode node);

    R visitAggregate(AggregateNode node);

    R visitJoin(JoinNode node);

    R visitUnion(UnionNode node);

    R visitTopK(TopKNode node);

    R visitPercentile(PercentileNode node);

    R visitSketch(SketchNode node);

    R visitSplit(SplitNode node);

    R visitBranchInput(BranchInputNode node);

    R visitStream(StreamNode node);

    R visitSort(SortNode node);

    /** CQL's From-item aliases; DSL visitors may refuse them. */
    default R visitAlias(AliasNode node) {
        throw new UnsupportedOperationException("aliases are CQL's");
    }

    /** CQL's one-row relation; DSL visitors may refuse it. */
    default R visitOneRow(OneRowNode node) {
        throw new UnsupportedOperationException("the one-row relation is CQL's");
    }
}
