package io.squall.testing;

import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Storm's test spout of ordered events: each task emits {@code (source, eventId)} with its task id as the source and
 * event ids 1, 2, 3... (its share of {@code totalCount}), each tracked under its id. The copies of one spout count
 * their acks and fails together (under an id the constructor makes), so a test sees {@link #completed()} once every
 * event was acked or failed. {@link TestEventOrderCheckBolt} checks the order downstream.
 */
public class TestEventLogSpout extends BaseRichSpout implements CompletableSpout {
    private static final long serialVersionUID = 1L;
    private static final Map<String, AtomicInteger> ACKED = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> FAILED = new ConcurrentHashMap<>();

    private final String uid = UUID.randomUUID().toString();
    private final long totalCount;
    private transient SpoutOutputCollector collector;
    private transient int source;
    private transient long myCount;
    private transient long eventId;

    /** A spout whose tasks emit {@code totalCount} events between them. */
    public TestEventLogSpout(long totalCount) {
        this.totalCount = totalCount;
        ACKED.put(uid, new AtomicInteger());
        FAILED.put(uid, new AtomicInteger());
    }

    /** The acks counted under {@code uid} (a spout's id), 0 for an unknown one. */
    public static int getNumAcked(String uid) {
        AtomicInteger n = ACKED.get(uid);
        return n == null ? 0 : n.get();
    }

    /** The fails counted under {@code uid} (a spout's id), 0 for an unknown one. */
    public static int getNumFailed(String uid) {
        AtomicInteger n = FAILED.get(uid);
        return n == null ? 0 : n.get();
    }

    /** The id this spout's copies count their acks and fails under. */
    public String getUid() {
        return uid;
    }

    @Override
    public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
        this.collector = collector;
        this.source = context.getThisTaskId();
        this.myCount = totalCount / context.getComponentTasks(context.getThisComponentId()).size();
    }

    @Override
    public void nextTuple() {
        if (eventId < myCount) {
            eventId++;
            collector.emit(new Values(source, eventId), eventId);
        }
    }

    @Override
    public void ack(Object msgId) {
        ACKED.computeIfAbsent(uid, u -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void fail(Object msgId) {
        FAILED.computeIfAbsent(uid, u -> new AtomicInteger()).incrementAndGet();
    }

    /** Whether as many events were acked or failed as the spout was made to emit. */
    public boolean completed() {
        return getNumAcked(uid) + getNumFailed(uid) >= totalCount;
    }

    @Override
    public boolean isExhausted() {
        return completed();
    }

    /** Forgets this spout's counts (a test calls it once it has read them). */
    public void cleanup() {
        ACKED.remove(uid);
        FAILED.remove(uid);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields("source", "eventId"));
    }
}
