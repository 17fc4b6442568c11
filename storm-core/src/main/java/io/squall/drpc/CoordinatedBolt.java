package io.squall.drpc;

import io.squall.Constants;
import io.squall.coordination.BatchOutputCollector;
import io.squall.coordination.IBatchBolt;
import io.squall.task.IOutputCollector;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.BasicOutputCollector;
import io.squall.topology.FailedException;
import io.squall.topology.ReportedFailedException;
import io.squall.topology.IBasicBolt;
import io.squall.topology.IRichBolt;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a user bolt of a linear DRPC topology so that it knows when it has every tuple of a request. Tuples carry
 * the request id first. When a task has finished a request it tells each downstream task, on the direct stream
 * {@value #COORD_STREAM}, how many tuples of the request it sent that task; a task has finished a request when
 * every upstream task has told it so and that many tuples arrived. Then an {@link IBatchBolt}'s
 * {@code finishBatch} runs (a fresh copy of it per request), and the task passes the news on. In the last bolt
 * only the task that owns the request finishes it: the one its id reaches on {@value #ID_STREAM}, grouped like
 * the bolt's input (by the request id), so the request gets one result; a task that has tuples of a request
 * owns it and waits for the id, which may come after the tuples and counts. The tuples of a
 * request are acked when the task finishes it, and what it emits is anchored to them, so a failure anywhere
 * fails the request's tree; a request that never finishes (a tuple was lost) is forgotten after
 * {@code drpc.request.timeout.secs}. Confined to the task thread.
 */
public final class CoordinatedBolt implements IRichBolt {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CoordinatedBolt.class);

    /** The stream of "I sent you n tuples of request id": {@code [id, count]}. */
    public static final String COORD_STREAM = Constants.COORDINATED_STREAM_ID;
    /** The stream that names, to the last bolt grouped like its input, the task that owns a request: {@code [id]}. */
    public static final String ID_STREAM = "$id";
    /** Requests a last-bolt task finished without owning them, remembered in case the id comes late. */
    private static final int REMEMBERED = 100_000;

    private static final class Request {
        final long startNanos = System.nanoTime();
        final List<Tuple> held = new ArrayList<>();
        final Map<Integer, Integer> sent = new HashMap<>();
        IBatchBolt<Object> batch;
        int received;
        int expected;
        int coords;
        boolean owner;
    }

    private final Object bolt;
    private final String upstream;
    private final boolean last;
    private byte[] batchBoltBytes;
    private transient Map<String, Object> conf;
    private transient TopologyContext context;
    private transient OutputCollector collector;
    private transient OutputCollector counting;
    private transient Map<Object, Request> requests;
    private transient List<Integer> downstreamTasks;
    private transient int upstreamTasks;
    private transient long timeoutNanos;
    private transient Object current;
    private transient Map<Object, Boolean> finishedUnowned;

    /**
     * @param bolt     an {@link IBatchBolt}, {@link IBasicBolt} or {@link IRichBolt}
     * @param upstream the component whose tuples (and coordination) this bolt gets
     * @param last     whether this is the last bolt: then only the task the request's id reaches on
     *                 {@value #ID_STREAM} finishes it
     */
    public CoordinatedBolt(Object bolt, String upstream, boolean last) {
        if (!(bolt instanceof IBatchBolt<?> || bolt instanceof IBasicBolt || bolt instanceof IRichBolt)) {
            throw new IllegalArgumentException("A linear DRPC bolt must be an IBatchBolt, IBasicBolt or IRichBolt, got "
                    + (bolt == null ? "null" : bolt.getClass().getName()));
        }
        this.bolt = bolt;
        this.upstream = upstream;
        this.last = last;
        if (bolt instanceof IBatchBolt<?>) {
            batchBoltBytes = serialize(bolt);
        }
    }

    private static byte[] serialize(Object o) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(out)) {
            oos.writeObject(o);
        } catch (IOException e) {
            throw new IllegalArgumentException("Bolt " + o.getClass().getName() + " cannot be serialized: "
                    + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private IBatchBolt<Object> freshBatchBolt() {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(batchBoltBytes)) {
            @Override
            protected Class<?> resolveClass(java.io.ObjectStreamClass desc) throws IOException,
                    ClassNotFoundException {
                try {
                    return Class.forName(desc.getName(), false, bolt.getClass().getClassLoader());
                } catch (ClassNotFoundException e) {
                    return super.resolveClass(desc);
                }
            }
        }) {
            return (IBatchBolt<Object>) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("Cannot copy batch bolt " + bolt.getClass().getName(), e);
        }
    }

    @Override
    public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
        this.conf = conf;
        this.context = context;
        this.collector = collector;
        this.requests = new LinkedHashMap<>();
        this.finishedUnowned = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Boolean> eldest) {
                return size() > REMEMBERED;
            }
        };
        this.upstreamTasks = context.getComponentTasks(upstream).size();
        this.timeoutNanos = io.squall.DRPC.timeoutMs(conf) * 1_000_000L;
        this.downstreamTasks = new ArrayList<>();
        Map<String, ?> targets = context.getThisTargets().getOrDefault(COORD_STREAM, Map.of());
        for (String component : targets.keySet()) {
            downstreamTasks.addAll(context.getComponentTasks(component));
        }
        this.counting = new OutputCollector(new IOutputCollector() {
            @Override
            public List<Integer> emit(String streamId, Collection<Tuple> anchors, List<Object> tuple) {
                List<Integer> tasks = collector.emit(streamId, anchors(anchors), tuple);
                count(streamId, tasks);
                return tasks;
            }

            @Override
            public void emitDirect(int taskId, String streamId, Collection<Tuple> anchors, List<Object> tuple) {
                collector.emitDirect(taskId, streamId, anchors(anchors), tuple);
                count(streamId, List.of(taskId));
            }

            @Override
            public void ack(Tuple input) {
                collector.ack(input);
            }

            @Override
            public void fail(Tuple input) {
                collector.fail(input);
            }

            @Override
            public void resetTimeout(Tuple input) {
                collector.resetTimeout(input);
            }

            @Override
            public void reportError(Throwable error) {
                collector.reportError(error);
            }
        });
        if (bolt instanceof IBasicBolt b) {
            b.prepare(conf, context);
        } else if (bolt instanceof IRichBolt r) {
            r.prepare(conf, context, counting);
        }
    }

    /** Emits of a batch bolt or a basic bolt are anchored to everything held of the request. */
    private Collection<Tuple> anchors(Collection<Tuple> given) {
        if (bolt instanceof IRichBolt) {
            return given;
        }
        Request r = current == null ? null : requests.get(current);
        return r == null ? given : r.held;
    }

    private void count(String streamId, List<Integer> tasks) {
        Request r = current == null ? null : requests.get(current);
        // Every stream but the counts' own: the tasks a tuple went to subscribe to its stream, and the next bolt
        // may take any of this bolt's streams.
        if (r != null && !COORD_STREAM.equals(streamId)) {
            for (int t : tasks) {
                r.sent.merge(t, 1, Integer::sum);
            }
        }
    }

    @Override
    public void execute(Tuple tuple) {
        Object id = tuple.getValue(0);
        if (ID_STREAM.equals(tuple.getSourceStreamId()) && finishedUnowned.remove(id) != null) {
            Request late = new Request();
            late.owner = true;
            late.held.add(tuple);
            requests.put(id, late);
            current = id;
            try {
                finish(late, id);
            } finally {
                current = null;
            }
            return;
        }
        Request r = requests.get(id);
        if (r == null) {
            r = new Request();
            requests.put(id, r);
            forgetStale();
        }
        current = id;
        try {
            if (COORD_STREAM.equals(tuple.getSourceStreamId())) {
                r.coords++;
                r.expected += tuple.getInteger(1);
                r.held.add(tuple);
            } else if (ID_STREAM.equals(tuple.getSourceStreamId())) {
                r.owner = true;
                r.held.add(tuple);
            } else {
                r.received++;
                if (!(bolt instanceof IRichBolt)) {
                    r.held.add(tuple);
                }
                run(r, id, tuple);
            }
            if (r.coords == upstreamTasks && r.received == r.expected) {
                if (!last || r.owner) {
                    finish(r, id);
                } else if (r.received == 0) {
                    finishUnowned(r, id);
                }
                // Otherwise this task has the request's tuples, so it owns the request (its id is grouped like
                // them) and the id is still on its way: finishing now would answer without them.
            }
        } catch (RuntimeException e) {
            LOG.warn("Request {} failed in {}: {}", id, context.getThisComponentId(), e.toString());
            // As a basic bolt's executor does: a FailedException only fails, a ReportedFailedException is reported too.
            if (!(e instanceof FailedException) || e instanceof ReportedFailedException) {
                collector.reportError(e);
            }
            requests.remove(id);
            for (Tuple t : r.held) {
                collector.fail(t);
            }
            if (!r.held.contains(tuple)) {
                collector.fail(tuple);
            }
        } finally {
            current = null;
        }
    }

    private void ensureBatch(Request r, Object id) {
        if (r.batch != null) {
            return;
        }
        r.batch = freshBatchBolt();
        r.batch.prepare(conf, context, new BatchOutputCollector() {
            @Override
            public List<Integer> emit(String streamId, List<Object> values) {
                return counting.emit(streamId, List.<Tuple>of(), values);
            }

            @Override
            public void emitDirect(int taskId, String streamId, List<Object> values) {
                counting.emitDirect(taskId, streamId, List.<Tuple>of(), values);
            }

            @Override
            public void reportError(Throwable error) {
                collector.reportError(error);
            }
        }, id);
    }

    private void run(Request r, Object id, Tuple tuple) {
        if (bolt instanceof IBatchBolt<?>) {
            ensureBatch(r, id);
            r.batch.execute(tuple);
        } else if (bolt instanceof IBasicBolt b) {
            BasicOutputCollector basic = new BasicOutputCollector(counting);
            basic.setContext(tuple);
            b.execute(tuple, basic);
        } else {
            ((IRichBolt) bolt).execute(tuple);
        }
    }

    /** A last-bolt task has all tuples of a request another task owns: nothing to finish here. */
    private void finishUnowned(Request r, Object id) {
        for (Tuple t : r.held) {
            collector.ack(t);
        }
        requests.remove(id);
        finishedUnowned.put(id, Boolean.TRUE);
    }

    private void finish(Request r, Object id) {
        if (bolt instanceof IBatchBolt<?>) {
            ensureBatch(r, id);
            r.batch.finishBatch();
        }
        for (int t : downstreamTasks) {
            collector.emitDirect(t, COORD_STREAM, r.held, List.of(id, r.sent.getOrDefault(t, 0)));
        }
        for (Tuple t : r.held) {
            collector.ack(t);
        }
        requests.remove(id);
    }

    private void forgetStale() {
        long now = System.nanoTime();
        Iterator<Map.Entry<Object, Request>> it = requests.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Object, Request> e = it.next();
            if (now - e.getValue().startNanos <= timeoutNanos) {
                break;
            }
            LOG.warn("Forgetting request {} in {}: it did not finish within the DRPC request timeout",
                    e.getKey(), context.getThisComponentId());
            for (Tuple t : e.getValue().held) {
                collector.fail(t);
            }
            it.remove();
        }
    }

    @Override
    public void cleanup() {
        if (bolt instanceof IBasicBolt b) {
            b.cleanup();
        } else if (bolt instanceof IRichBolt r) {
            r.cleanup();
        }
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        ((io.squall.topology.IComponent) bolt).declareOutputFields(declarer);
        declarer.declareStream(COORD_STREAM, true, new Fields("id", "count"));
    }

    @Override
    public Map<String, Object> getComponentConfiguration() {
        return ((io.squall.topology.IComponent) bolt).getComponentConfiguration();
    }
}
