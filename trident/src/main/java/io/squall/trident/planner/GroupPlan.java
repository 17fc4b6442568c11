package io.squall.trident.planner;

import io.squall.trident.plan.Partitioning;
import io.squall.grouping.CustomStreamGrouping;
import io.squall.tuple.Fields;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What one bolt of a compiled Trident topology runs: its operations in topological order, the edges that feed
 * them (and the spout, for the part of a stream that starts at one) and the edges that leave them.
 */
final class GroupPlan implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * An edge into this bolt: sub-batches from {@code sourceComponent} on {@code streamId}; {@code eventTime}: their
     * watermarks count ({@link BatchWatermarks}).
     */
    record InEdge(String sourceComponent, String streamId, int entryNode, int inputIndex, Fields fields,
                  boolean eventTime) implements Serializable {
    }

    /** An edge out of this bolt, from {@code fromNode} to the tasks of {@code target}. */
    record OutEdge(String streamId, String target, int fromNode, Partitioning partitioning, Fields partitionFields,
                   CustomStreamGrouping custom) implements Serializable {
    }

    /**
     * A link from one operation to another in the same bolt, as input {@code input} of node {@code node}, or from a
     * window's late tuples when {@code input} is {@link #LATE}.
     */
    record Link(int node, int input) implements Serializable {
        static final int LATE = -1;
    }

    /** One operation and where its output goes inside the bolt. */
    record NodePlan(ProcSpec spec, List<Link> children) implements Serializable {
    }

    final String componentId;
    final Object spout;
    final String txStateId;
    final int spoutEntry;
    final boolean committer;
    /** Whether the inputs arrive while a batch commits (downstream of a state): then every commit attempt brings
     *  them anew, instead of the batch being kept from processing for as many commit attempts as it takes. */
    final boolean lateInputs;
    /** The spout's event-time field ({@code Stream.withEventTime}), or null. */
    String eventTimeField;
    long maxOutOfOrderMs;
    long idleTimeoutMs;
    /** Whether the part's inputs (or its spout) carry event time: then its sub-batches carry watermarks that count. */
    boolean carriesEventTime;
    final List<InEdge> inputs = new ArrayList<>();
    final List<NodePlan> nodes = new ArrayList<>();
    final List<OutEdge> outputs = new ArrayList<>();

    GroupPlan(String componentId, Object spout, String txStateId, int spoutEntry, boolean committer,
              boolean lateInputs) {
        this.componentId = componentId;
        this.spout = spout;
        this.txStateId = txStateId;
        this.spoutEntry = spoutEntry;
        this.committer = committer;
        this.lateInputs = lateInputs;
    }
}
