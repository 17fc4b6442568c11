package io.squall.trident.planner;

import io.squall.grouping.CustomStreamGrouping;
import io.squall.task.TopologyContext;
import io.squall.topology.GlobalStreamId;
import io.squall.trident.state.JavaSerialization;
import io.squall.trident.tuple.TridentTupleView;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Collects a batch's tuples for one outgoing edge, split per target task by the edge's partitioning. Confined
 * to the task thread.
 */
final class OutEdgeBuffer implements Downstream {
    final GroupPlan.OutEdge edge;
    final List<Integer> targetTasks;
    private final int[] fieldIndexes;
    private final List<ArrayList<List<Object>>> perTask = new ArrayList<>();
    private int next = ThreadLocalRandom.current().nextInt(1 << 16);
    private int batchTarget;
    /** For LOCAL_OR_SHUFFLE: the indexes of the target tasks to choose from (this worker's, or all). */
    private final int[] localTargets;
    /** For IDENTITY: the target index of this task. */
    private final int identityTarget;
    private final CustomStreamGrouping custom;
    private final int taskId;

    OutEdgeBuffer(GroupPlan.OutEdge edge, TopologyContext context, List<Integer> targetTasks,
                  io.squall.tuple.Fields sourceFields) {
        this.edge = edge;
        this.targetTasks = targetTasks;
        this.taskId = context.getThisTaskId();
        List<Integer> local = new ArrayList<>();
        for (int i = 0; i < targetTasks.size(); i++) {
            if (context.getThisWorkerTasks().contains(targetTasks.get(i))) {
                local.add(i);
            }
        }
        if (local.isEmpty()) {
            for (int i = 0; i < targetTasks.size(); i++) {
                local.add(i);
            }
        }
        this.localTargets = local.stream().mapToInt(Integer::intValue).toArray();
        this.identityTarget = Math.floorMod(context.getThisTaskIndex(), targetTasks.size());
        if (edge.custom() != null) {
            // A private copy: a grouping may keep per-task state, and the plan is shared by the component's tasks.
            custom = (CustomStreamGrouping) JavaSerialization.read(JavaSerialization.write(edge.custom()));
            custom.prepare(context, new GlobalStreamId(context.getThisComponentId(), edge.streamId()),
                    targetTasks);
        } else {
            custom = null;
        }
        if (edge.partitionFields() == null) {
            fieldIndexes = new int[0];
        } else {
            fieldIndexes = new int[edge.partitionFields().size()];
            for (int i = 0; i < fieldIndexes.length; i++) {
                fieldIndexes[i] = sourceFields.fieldIndex(edge.partitionFields().get(i));
            }
        }
        reset(0);
    }

    /** Empties the buffers for a new batch. */
    void reset(long txid) {
        perTask.clear();
        for (int i = 0; i < targetTasks.size(); i++) {
            perTask.add(new ArrayList<>());
        }
        batchTarget = (int) Math.floorMod(txid, (long) targetTasks.size());
    }

    @Override
    public void accept(TridentTupleView tuple) {
        int n = targetTasks.size();
        switch (edge.partitioning()) {
            case SHUFFLE -> perTask.get(Math.floorMod(next++, n)).add(tuple.toWire());
            case FIELDS -> perTask.get(Math.floorMod(hash(tuple), n)).add(tuple.toWire());
            case GLOBAL -> perTask.get(0).add(tuple.toWire());
            case BATCH_GLOBAL -> perTask.get(batchTarget).add(tuple.toWire());
            case LOCAL_OR_SHUFFLE -> perTask.get(localTargets[Math.floorMod(next++, localTargets.length)])
                    .add(tuple.toWire());
            case IDENTITY -> perTask.get(identityTarget).add(tuple.toWire());
            case CUSTOM -> {
                for (int task : custom.chooseTasks(taskId, tuple.getValues())) {
                    int index = targetTasks.indexOf(task);
                    if (index < 0) {
                        throw new IllegalStateException("Grouping " + custom.getClass().getName() + " chose task "
                                + task + ", which is not one of the target tasks " + targetTasks);
                    }
                    perTask.get(index).add(tuple.toWire());
                }
            }
            case BROADCAST -> {
                for (ArrayList<List<Object>> rows : perTask) {
                    rows.add(tuple.toWire());
                }
            }
        }
    }

    /**
     * Whether a tuple given to {@link #accept} may be kept past the call: only a user's grouping may keep it (or
     * its values); the buffers keep copies.
     */
    boolean keepsTuples() {
        return custom != null;
    }

    /** The rows for the target task at {@code index} in {@link #targetTasks}. */
    ArrayList<List<Object>> rows(int index) {
        return perTask.get(index);
    }

    private int hash(TridentTupleView tuple) {
        int h = 1;
        for (int i : fieldIndexes) {
            Object v = tuple.get(i);
            h = 31 * h + (v == null ? 0 : v.hashCode());
        }
        return h;
    }
}
