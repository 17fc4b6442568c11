package io.squall.trident.coordinator;

import io.squall.Config;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseRichSpout;
import io.squall.trident.spout.ITridentDataSource;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import io.squall.utils.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The spout that drives a Trident topology. It starts batches with increasing txids (at most
 * {@code topology.max.spout.pending} in flight, default 1, and a new one at most every
 * {@code topology.trident.batch.emit.interval.millis} on average, on a grid of intervals so that a late start does
 * not delay the later ones); each batch is a tuple tree tracked by the acker. When
 * the tree of the oldest uncommitted batch completes it sends that txid's commit tuple, and when the commit
 * tree completes it records the txid as committed in the {@link CoordinatorStore}s and tells the spouts and
 * states. A failed batch is retried with the same txid and a higher attempt, and so is every later batch in
 * flight (an opaque spout's later batches start where the retried one ends). A failed commit is first retried
 * as a commit only (the states kept the batch, so it commits the same tuples again); after
 * {@value #COMMIT_RETRIES} failed commits in a row the whole batch is replayed. So state commits happen strictly
 * in txid order. A batch that fails again is retried after a pause (none after its first failure, then 1 ms,
 * doubling with each further failure up to 1 s, until it commits; the later batches retried with it wait as long),
 * so a store that is down does not spin the coordinator and the topology's threads on retries. Confined to its spout thread; runs as one task.
 *
 * <pre>
 *   PROCESSING --ack--> PROCESSED --(oldest)--> COMMITTING --ack--> committed, removed
 *       ^   |                ^                     |
 *       |   +-- fail --+     +-- commit fails -----+  (attempt+1, up to COMMIT_RETRIES times)
 *       +-- RETRY <----+------ commit fails again -+  (attempt+1, this and later batches)
 * </pre>
 */
public final class MasterBatchCoordinator extends BaseRichSpout {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MasterBatchCoordinator.class);

    /** The stream of batch starts: {@code [txid, attempt, metas]}, metas the spout coordinators' batch metadata. */
    public static final String BATCH_STREAM = "$batch";
    /** The stream of commits: {@code [txid, attempt]}. */
    public static final String COMMIT_STREAM = "$commit";
    /** The stream that tells spouts a txid is committed: {@code [txid]}. */
    public static final String SUCCESS_STREAM = "$success";
    /** Least milliseconds between the starts of two new batches. */
    public static final String BATCH_EMIT_INTERVAL_MILLIS = Config.TOPOLOGY_TRIDENT_BATCH_EMIT_INTERVAL_MILLIS;

    /** Failed commits of a batch retried as commits only before the whole batch is replayed. */
    static final int COMMIT_RETRIES = 10;
    /** The pause before the retry after a batch's second failure; it doubles with each later one. */
    public static final long FIRST_BACKOFF_NANOS = 1_000_000L;
    /** The longest pause before a retry. */
    public static final long MAX_BACKOFF_NANOS = 1_000_000_000L;

    private enum Phase { PROCESSING, PROCESSED, COMMITTING, RETRY }

    private static final class Status {
        int attempt;
        int commitFailures;
        /** Failures of this batch (its trees and its commits) since it started; it is removed once committed. */
        int failures;
        /** When its retry (RETRY, or PROCESSED after a failed commit) may be sent, on the coordinator's clock. */
        long retryAtNanos;
        Phase phase = Phase.PROCESSING;

        Status(long startNanos) {
            this.retryAtNanos = startNanos;
        }
    }

    /** The message id of a batch or commit tree. */
    private record TreeId(long txid, int attempt, boolean commit) {
    }

    private final List<String> txStateIds;
    private final Map<String, ITridentDataSource> spouts;

    private transient SpoutOutputCollector collector;
    private transient List<CoordinatorStore> stores;
    private transient Map<String, SpoutCoordinator> coordinators;
    private transient TreeMap<Long, Status> active;
    private transient long committed;
    private transient long nextTxid;
    private transient int maxActive;
    private transient long intervalNanos;
    /**
     * The earliest time the next new batch may start. Starts keep to a grid of one interval: a start that came late
     * (the thread was busy or parked when its time came) moves the next one by an interval from when it was due,
     * not from when it happened, so lateness does not add up and the starts keep to one per interval on average
     * (a spout thread parks up to a millisecond when idle, so waiting a whole interval from each actual start lost
     * up to half the batches at an interval of 1 ms). Over any span of time at most span / interval + 2 batches
     * start, as with Storm's windowed throttle.
     */
    private transient long nextStartNanos;
    private transient Clock clock;
    /** The clock to use when opened without a topology context (unit tests), else null. */
    private transient Clock testClock;

    /** A coordinator for the streams with these transactional ids, none with a spout coordinator. */
    public MasterBatchCoordinator(List<String> txStateIds) {
        this(txStateIds, Map.of());
    }

    /**
     * A coordinator for the streams with these transactional ids; {@code spouts} holds the spouts of the streams,
     * whose own coordinators (decide each batch's metadata, may hold a batch back) it runs.
     */
    public MasterBatchCoordinator(List<String> txStateIds, Map<String, ITridentDataSource> spouts) {
        this.txStateIds = new ArrayList<>(txStateIds);
        this.spouts = new LinkedHashMap<>(spouts);
    }

    @Override
    public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
        this.collector = collector;
        this.active = new TreeMap<>();
        this.stores = new ArrayList<>();
        this.coordinators = new LinkedHashMap<>();
        for (String id : txStateIds) {
            CoordinatorStore s = CoordinatorStores.open(conf, id);
            stores.add(s);
            committed = Math.max(committed, s.committedTxid());
            ITridentDataSource spout = spouts.get(id);
            SpoutCoordinator c = spout == null ? null : SpoutCoordinator.of(id, spout, conf, context, s);
            if (c != null) {
                coordinators.put(id, c);
            }
        }
        nextTxid = committed + 1;
        Object max = conf.get(Config.TOPOLOGY_MAX_SPOUT_PENDING);
        maxActive = max instanceof Number n ? Math.max(1, n.intValue()) : 1;
        Object interval = conf.get(BATCH_EMIT_INTERVAL_MILLIS);
        intervalNanos = interval instanceof Number n ? n.longValue() * 1_000_000L : 50_000_000L;
        // Unit tests open it without a context.
        clock = context != null ? context.getClock() : testClock != null ? testClock : Clock.SYSTEM;
        nextStartNanos = clock.nanoTime();
        LOG.info("Trident coordinator for {} resumes after txid {}, {} batches in flight at most", txStateIds,
                committed, maxActive);
    }

    /**
     * Runs on {@code clock} when opened without a topology context (tests that drive it by hand); call before
     * {@code open}.
     */
    public void useClockWithoutContext(Clock clock) {
        this.testClock = clock;
    }

    @Override
    public void nextTuple() {
        long now = clock.nanoTime();
        Map.Entry<Long, Status> first = active.firstEntry();
        if (first != null && first.getValue().phase == Phase.PROCESSED && first.getKey() == committed + 1) {
            if (now - first.getValue().retryAtNanos < 0) {
                return; // Its commit failed again: it waits, and so do the batches after it.
            }
            first.getValue().phase = Phase.COMMITTING;
            emit(COMMIT_STREAM, first.getKey(), first.getValue().attempt, true);
            return;
        }
        for (Map.Entry<Long, Status> e : active.entrySet()) {
            if (e.getValue().phase == Phase.RETRY) {
                if (now - e.getValue().retryAtNanos < 0) {
                    // In txid order, and no new batch before them: an opaque spout starts a batch where the one
                    // before it ended, so a new batch must follow the retried ones, not the attempts they replace.
                    return;
                }
                e.getValue().phase = Phase.PROCESSING;
                emit(BATCH_STREAM, e.getKey(), e.getValue().attempt, false);
            }
        }
        if (active.size() >= maxActive) {
            return;
        }
        if (now - nextStartNanos >= 0 && ready(nextTxid)) {
            // A start more than an interval late restarts the grid at now - interval: one catch-up start at most.
            nextStartNanos = Math.max(nextStartNanos, now - intervalNanos) + intervalNanos;
            long txid = nextTxid++;
            active.put(txid, new Status(now));
            emit(BATCH_STREAM, txid, 0, false);
        }
    }

    private boolean ready(long txid) {
        for (SpoutCoordinator c : coordinators.values()) {
            if (!c.isReady(txid)) {
                return false;
            }
        }
        return true;
    }

    private void emit(String stream, long txid, int attempt, boolean commit) {
        if (!BATCH_STREAM.equals(stream)) {
            collector.emit(stream, new Values(txid, attempt), new TreeId(txid, attempt, commit));
            return;
        }
        Map<String, byte[]> metas = new HashMap<>();
        for (Map.Entry<String, SpoutCoordinator> c : coordinators.entrySet()) {
            metas.put(c.getKey(), c.getValue().initialize(txid));
        }
        collector.emit(stream, new Values(txid, attempt, metas), new TreeId(txid, attempt, commit));
    }

    @Override
    public void ack(Object msgId) {
        TreeId id = (TreeId) msgId;
        Status s = active.get(id.txid());
        if (s == null || s.attempt != id.attempt()) {
            return;
        }
        if (!id.commit()) {
            if (s.phase == Phase.PROCESSING) {
                s.phase = Phase.PROCESSED;
            }
            return;
        }
        committed = id.txid();
        for (CoordinatorStore store : stores) {
            store.setCommittedTxid(committed);
        }
        active.remove(id.txid());
        for (SpoutCoordinator c : coordinators.values()) {
            c.success(committed);
        }
        collector.emit(SUCCESS_STREAM, new Values(committed));
    }

    @Override
    public void fail(Object msgId) {
        TreeId id = (TreeId) msgId;
        Status s = active.get(id.txid());
        if (s == null || s.attempt != id.attempt()) {
            return;
        }
        s.failures++;
        long retryAt = clock.nanoTime() + backoffNanos(s.failures);
        if (s.failures > 1 && backoffNanos(s.failures - 1) < MAX_BACKOFF_NANOS
                && backoffNanos(s.failures) == MAX_BACKOFF_NANOS) {
            LOG.warn("Batch {} of {} has failed {} times; retrying it every {} ms until it succeeds", id.txid(),
                    txStateIds, s.failures, MAX_BACKOFF_NANOS / 1_000_000);
        }
        if (id.commit() && s.commitFailures < COMMIT_RETRIES) {
            s.commitFailures++;
            s.retryAtNanos = retryAt;
            s.attempt++;
            s.phase = Phase.PROCESSED;
            LOG.debug("Commit of batch {} attempt {} failed; committing it again", id.txid(), id.attempt());
            return;
        }
        LOG.debug("Batch {} attempt {} failed{}; retrying it and every later batch in flight", id.txid(),
                id.attempt(), id.commit() ? " in its commit" : "");
        s.commitFailures = 0;
        for (Status later : active.tailMap(id.txid(), true).values()) {
            later.attempt++;
            later.phase = Phase.RETRY;
            if (later == s || later.retryAtNanos - retryAt < 0) {
                later.retryAtNanos = retryAt;
            }
        }
    }

    /** The pause before the retry that follows a batch's {@code failures}-th failure. */
    static long backoffNanos(int failures) {
        if (failures <= 1) {
            return 0;
        }
        int doublings = failures - 2;
        return doublings >= 30 ? MAX_BACKOFF_NANOS : Math.min(MAX_BACKOFF_NANOS, FIRST_BACKOFF_NANOS << doublings);
    }

    @Override
    public void close() {
        for (SpoutCoordinator c : coordinators.values()) {
            c.close();
        }
        for (CoordinatorStore s : stores) {
            s.close();
        }
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declareStream(BATCH_STREAM, new Fields("txid", "attempt", "metas"));
        declarer.declareStream(COMMIT_STREAM, new Fields("txid", "attempt"));
        declarer.declareStream(SUCCESS_STREAM, new Fields("txid"));
    }
}
