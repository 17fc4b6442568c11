package io.squall.runtime.state;

import io.squall.runtime.routing.KeyGroups;
import io.squall.task.TopologyContext;
import io.squall.topology.ComponentSpec;
import io.squall.topology.GlobalStreamId;
import io.squall.topology.Grouping;
import io.squall.tuple.Tuple;

import java.util.HashMap;
import java.util.Map;

/**
 * The key group of each input tuple of a keyed stateful bolt's task, computed from the values of its stream's
 * grouping fields as the senders' routing does ({@link KeyGroups}), and the range of groups the task owns.
 * Executor thread only.
 */
final class InputKeyGroups {
    /** Per source component, per stream, the indexes of the grouping fields in the stream's tuples. */
    private final Map<String, Map<String, int[]>> fieldIndexes = new HashMap<>();
    private final int groups;
    private final int first;
    private final int end;
    /** The source names of the last tuple (compared by identity: a local sender's tuples share them) and its fields. */
    private String lastComponent;
    private String lastStream;
    private int[] lastIndexes;

    private InputKeyGroups(TopologyContext context, int groups) {
        this.groups = groups;
        int tasks = context.getComponentTasks(context.getThisComponentId()).size();
        int index = context.getThisTaskIndex();
        this.first = KeyGroups.firstGroup(index, tasks, groups);
        this.end = KeyGroups.firstGroup(index + 1, tasks, groups);
        for (Map.Entry<GlobalStreamId, Grouping> in : context.getThisSources().entrySet()) {
            if (in.getValue().getType() != Grouping.Type.FIELDS) {
                continue;
            }
            GlobalStreamId s = in.getKey();
            var declared = context.getComponentOutputFields(s);
            int[] idx = in.getValue().getFields().stream().mapToInt(declared::fieldIndex).toArray();
            fieldIndexes.computeIfAbsent(s.getComponentId(), c -> new HashMap<>()).put(s.getStreamId(), idx);
        }
    }

    /** The key groups of the task of {@code context}, or null when its component does not keep state by group. */
    static InputKeyGroups of(TopologyContext context) {
        ComponentSpec spec = context.getRawTopology().getComponent(context.getThisComponentId());
        if (spec == null || spec.getStateScope() != ComponentSpec.StateScope.KEY_GROUP) {
            return null;
        }
        return new InputKeyGroups(context, KeyGroups.count(context.getTopologyConf()));
    }

    /** The key group of {@code input}, or -1 when it does not come by a fields grouping (a tick tuple). */
    int groupOf(Tuple input) {
        String component = input.getSourceComponent();
        String stream = input.getSourceStreamId();
        int[] idx;
        if (component == lastComponent && stream == lastStream) {
            idx = lastIndexes; // The same sender's names as the last tuple's: no look-up.
        } else {
            Map<String, int[]> streams = fieldIndexes.get(component);
            idx = streams == null ? null : streams.get(stream);
            lastComponent = component;
            lastStream = stream;
            lastIndexes = idx;
        }
        return idx == null ? -1 : KeyGroups.groupOf(input.getValues(), idx, groups);
    }

    /** The first group the task owns. */
    int first() {
        return first;
    }

    /** The group after the last one the task owns. */
    int end() {
        return end;
    }
}
