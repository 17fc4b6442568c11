package io.squall.streams;

import io.squall.streams.operations.StateUpdater;
import io.squall.task.TopologyContext;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one of a stream topology's bolts runs: which of its stages each input stream feeds, its head (an
 * aggregation or a state) if any, and which upstream components close its windows. Built by {@link Planner},
 * then read-only.
 */
final class BoltPlan implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The stream on which a bolt tells every downstream task that one of its windows closed. */
    static final String PUNCTUATION = "__punctuation";
    static final Fields PUNCTUATION_FIELDS = new Fields("task");

    enum Role {
        /** The value goes through the entry's stage. */
        VALUES,
        /** The value goes to the head: the aggregation, or the state to update. */
        HEAD,
        /** The value is a key to look up in the state. */
        QUERY
    }

    /** How an input stream feeds the bolt. */
    record Entry(Stage target, int side, boolean fromSpout, boolean paired, Role role) implements Serializable {
        Object decode(Tuple t) {
            if (fromSpout) {
                return t;
            }
            return paired ? Pair.of(t.getValue(0), t.getValue(1)) : t.getValue(1);
        }
    }

    final String componentId;
    final int parallelism;
    private final Map<String, Entry> inputs = new HashMap<>();
    private final List<Stage> stages = new ArrayList<>();
    final Set<String> punctuationFrom = new TreeSet<>();
    boolean emitsPunctuation;
    /** The stage the head's results feed, or null without a head. */
    Stage headOut;
    Aggregate aggregate;
    StateUpdater<Object, Object> updater;
    /**
     * The timestamp field of the topology's windows by event time, or null: the spouts' tuples have it, and every
     * stream between the Streams API's bolts carries it as a third field, the latest timestamp of the tuples a value
     * comes from, so the windowed bolts read it as Storm's do.
     */
    String timestampField;

    BoltPlan(String componentId, int parallelism) {
        this.componentId = componentId;
        this.parallelism = parallelism;
    }

    private static String key(String component, String stream) {
        return component + "\u0000" + stream;
    }

    void addInput(String component, String stream, Entry entry) {
        if (inputs.putIfAbsent(key(component, stream), entry) != null) {
            throw new IllegalArgumentException("stream '" + stream + "' of '" + component + "' feeds '" + componentId
                    + "' twice: a stream cannot be joined with itself");
        }
    }

    Stage newStage(Op op) {
        Stage s = new Stage(op);
        stages.add(s);
        return s;
    }

    Entry entry(Tuple t) {
        Entry e = inputs.get(key(t.getSourceComponent(), t.getSourceStreamId()));
        if (e == null) {
            throw new IllegalStateException("'" + componentId + "' got a tuple from '" + t.getSourceComponent()
                    + "' on stream '" + t.getSourceStreamId() + "', which it does not read");
        }
        return e;
    }

    /** Every stream the bolt emits, with its fields. */
    Map<String, Fields> outputs() {
        Map<String, Fields> out = new HashMap<>();
        for (Stage s : stages) {
            for (Stage.Output o : s.outputs()) {
                out.put(o.streamId(), timestampField == null || o.toUserBolt() ? o.fields()
                        : new Fields(o.fields().get(0), o.fields().get(1), timestampField));
            }
        }
        if (emitsPunctuation) {
            out.put(PUNCTUATION, PUNCTUATION_FIELDS);
        }
        return out;
    }

    /** An emitter of this bolt's values. */
    Stage.Emitter newEmitter(io.squall.task.OutputCollector collector) {
        return new Stage.Emitter(collector, timestampField);
    }

    /** The tasks whose punctuations close this task's windows, counted per task. */
    Punctuations newPunctuations(TopologyContext context) {
        Set<Integer> tasks = new TreeSet<>();
        for (String c : punctuationFrom) {
            tasks.addAll(context.getComponentTasks(c));
        }
        return new Punctuations(tasks);
    }

    /**
     * Counts the punctuations from the upstream tasks of windowed streams. A window closes here once every one of
     * those tasks closed one; a task that closes two before another closes its first is counted twice.
     * Owned by the bolt's executor thread.
     */
    static final class Punctuations {
        private final Map<Integer, Integer> pending = new HashMap<>();
        private final Set<Integer> tasks;

        Punctuations(Set<Integer> tasks) {
            this.tasks = tasks;
        }

        boolean isEmpty() {
            return tasks.isEmpty();
        }

        /** Records one from {@code task}; true when that closes a window here. */
        boolean arrive(int task) {
            pending.merge(task, 1, Integer::sum);
            for (int t : tasks) {
                if (pending.getOrDefault(t, 0) == 0) {
                    return false;
                }
            }
            for (int t : tasks) {
                pending.merge(t, -1, Integer::sum);
            }
            return true;
        }
    }
}
