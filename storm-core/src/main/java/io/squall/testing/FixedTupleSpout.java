package io.squall.testing;

import io.squall.spout.IFiniteSpout;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Fields;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Emits a fixed list of tuples once, each with a message id. Two behaviours:
 * <ul>
 *   <li>Storm's ({@link #FixedTupleSpout(List)}, {@link #FixedTupleSpout(List, Fields)}): the tuples
 *   (value lists or {@link FixedTuple}s, which name their stream) are divided among the component's tasks
 *   (task i emits tuples i, i + n, ...); a failed tuple is counted, not replayed. It is a
 *   {@link CompletableSpout}: exhausted when every tuple is acked or failed.</li>
 *   <li>Squall's ({@link #FixedTupleSpout(List, Fields, String)}): every task emits the whole list and
 *   replays what fails; acks and fails are counted in the {@link AckTracker} of that name.</li>
 * </ul>
 */
public class FixedTupleSpout extends BaseRichSpout implements CompletableSpout, IFiniteSpout {
    private static final long serialVersionUID = 1L;
    /** Acked and failed counts of Storm-style spouts, by spout id, shared by the tasks' copies. */
    private static final Map<String, AtomicInteger> ACKED = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> FAILED = new ConcurrentHashMap<>();

    private final List<FixedTuple> tuples;
    private final Fields fields;
    private final String trackerName;
    private final String id = UUID.randomUUID().toString();
    private transient SpoutOutputCollector collector;
    private transient List<Integer> toServe;
    private transient int next;
    private transient List<Integer> replays;

    /** Storm's: the tuples divided among the tasks, declared later from the topology (completeTopology's mocks). */
    public FixedTupleSpout(List<?> tuples) {
        this(tuples, (Fields) null);
    }

    /** Storm's: the tuples divided among the tasks, on streams declared with {@code fields}. */
    public FixedTupleSpout(List<?> tuples, Fields fields) {
        this.tuples = toFixed(tuples);
        this.fields = fields;
        this.trackerName = null;
        ACKED.put(id, new AtomicInteger());
        FAILED.put(id, new AtomicInteger());
    }

    /**
     * Squall's: every task emits every tuple and replays the failed ones.
     *
     * @param trackerName the {@link AckTracker} that counts this spout's acks and fails
     */
    public FixedTupleSpout(List<List<Object>> tuples, Fields fields, String trackerName) {
        this.tuples = toFixed(tuples);
        this.fields = fields;
        this.trackerName = trackerName;
    }

    private static List<FixedTuple> toFixed(List<?> tuples) {
        if (tuples == null) {
            throw new IllegalArgumentException("FixedTupleSpout needs a list of tuples, got null");
        }
        List<FixedTuple> out = new ArrayList<>();
        for (Object o : tuples) {
            if (o instanceof FixedTuple f) {
                out.add(f);
            } else if (o instanceof List<?> l) {
                out.add(new FixedTuple(new ArrayList<>(l)));
            } else {
                throw new IllegalArgumentException("FixedTupleSpout takes lists of values or FixedTuples, got " + o);
            }
        }
        return out;
    }

    /** The tuples this spout emits, over all its tasks. */
    public List<FixedTuple> getSourceTuples() {
        return tuples;
    }

    /** How many of a Storm-style spout's tuples were acked or failed, over all its tasks. */
    public int getCompleted() {
        return getNumAcked(id) + getNumFailed(id);
    }

    /** Acks of the Storm-style spout with this id. */
    public static int getNumAcked(String spoutId) {
        AtomicInteger n = ACKED.get(spoutId);
        return n == null ? 0 : n.get();
    }

    /** Fails of the Storm-style spout with this id. */
    public static int getNumFailed(String spoutId) {
        AtomicInteger n = FAILED.get(spoutId);
        return n == null ? 0 : n.get();
    }

    /** Forgets a spout's counts. */
    public static void clear(String spoutId) {
        ACKED.remove(spoutId);
        FAILED.remove(spoutId);
    }

    /** Forgets this spout's counts. */
    public void cleanup() {
        clear(id);
    }

    @Override
    public void clean() {
        cleanup();
    }

    @Override
    public boolean isExhausted() {
        return getCompleted() >= tuples.size();
    }

    /** Every tuple this task serves was emitted and none waits to be emitted again. */
    @Override
    public boolean isFinished() {
        return toServe != null && next >= toServe.size() && replays.isEmpty();
    }

    @Override
    public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
        this.collector = collector;
        this.replays = new ArrayList<>();
        this.toServe = new ArrayList<>();
        List<Integer> tasks = context.getThisComponentTasks();
        boolean divide = trackerName == null;
        for (int i = divide ? context.getThisTaskIndex() : 0; i < tuples.size(); i += divide ? tasks.size() : 1) {
            toServe.add(i);
        }
    }

    @Override
    public void nextTuple() {
        if (!replays.isEmpty()) {
            int i = replays.remove(replays.size() - 1);
            collector.emit(tuples.get(i).stream, tuples.get(i).values, i);
        } else if (next < toServe.size()) {
            int i = toServe.get(next++);
            collector.emit(tuples.get(i).stream, tuples.get(i).values, i);
        }
    }

    @Override
    public void ack(Object msgId) {
        if (trackerName != null) {
            AckTracker.named(trackerName).acked(msgId);
        } else {
            ACKED.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    @Override
    public void fail(Object msgId) {
        if (trackerName != null) {
            AckTracker.named(trackerName).failed(msgId);
            replays.add((Integer) msgId);
        } else {
            FAILED.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        if (fields == null) {
            throw new IllegalArgumentException("FixedTupleSpout has no fields: pass them to the constructor, or use "
                    + "it through Testing.completeTopology's MockedSources, which keep the mocked spout's streams");
        }
        declarer.declare(fields);
    }
}
