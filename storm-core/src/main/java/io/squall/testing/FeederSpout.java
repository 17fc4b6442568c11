package io.squall.testing;

import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Fields;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A spout the test feeds by hand: {@link #feed} queues a tuple that one of the spout's tasks emits on
 * its next {@code nextTuple}, with a message id, so acks and fails reach the {@link AckFailDelegate}. The
 * queue is shared by the tasks' copies through a registry keyed by a random id; {@code feed} is
 * thread-safe and never blocks.
 */
public class FeederSpout extends BaseRichSpout {
    private static final long serialVersionUID = 1L;
    private static final Map<String, ConcurrentLinkedQueue<Object[]>> QUEUES = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> READERS = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();
    private final Fields outFields;
    private AckFailDelegate ackFailDelegate;
    private transient SpoutOutputCollector collector;

    /** A spout emitting tuples of {@code outFields} on the default stream. */
    public FeederSpout(List<String> outFields) {
        this(new Fields(outFields));
    }

    /** A spout emitting tuples of {@code outFields} on the default stream. */
    public FeederSpout(Fields outFields) {
        if (outFields == null) {
            throw new IllegalArgumentException("FeederSpout needs its output fields");
        }
        this.outFields = outFields;
        QUEUES.put(id, new ConcurrentLinkedQueue<>());
        READERS.put(id, new AtomicInteger());
    }

    /** Who is told of acks and fails; set it before the topology is built. */
    public void setAckFailDelegate(AckFailDelegate d) {
        this.ackFailDelegate = d;
    }

    /** Queues a tuple, with a random message id. */
    public void feed(List<Object> tuple) {
        feed(tuple, UUID.randomUUID().toString());
    }

    /** Queues a tuple with the given message id. */
    public void feed(List<Object> tuple, Object msgId) {
        if (tuple == null || tuple.size() != outFields.size()) {
            throw new IllegalArgumentException("FeederSpout emits " + outFields.size() + " values " + outFields
                    + ", got " + tuple);
        }
        queue().add(new Object[] {tuple, msgId});
    }

    /** Same as {@link #feed(List, Object)}: feeding never blocks. */
    public void feedNoWait(List<Object> tuple, Object msgId) {
        feed(tuple, msgId);
    }

    /**
     * Waits (up to a minute) until a task of the spout has opened.
     *
     * @throws IllegalStateException if none opened in time
     */
    public void waitForReader() {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (READERS.getOrDefault(id, new AtomicInteger()).get() == 0) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("FeederSpout: no task opened within a minute; was the topology "
                        + "submitted?", new TimeoutException());
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    private ConcurrentLinkedQueue<Object[]> queue() {
        return QUEUES.computeIfAbsent(id, k -> new ConcurrentLinkedQueue<>());
    }

    @Override
    public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
        this.collector = collector;
        READERS.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void close() {
        READERS.computeIfAbsent(id, k -> new AtomicInteger()).decrementAndGet();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void nextTuple() {
        Object[] next = queue().poll();
        if (next != null) {
            collector.emit((List<Object>) next[0], next[1]);
        }
    }

    @Override
    public void ack(Object msgId) {
        if (ackFailDelegate != null) {
            ackFailDelegate.ack(msgId);
        }
    }

    @Override
    public void fail(Object msgId) {
        if (ackFailDelegate != null) {
            ackFailDelegate.fail(msgId);
        }
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(outFields);
    }
}
