package io.squall.bolt;

import com.codahale.metrics.Counter;
import io.squall.config.ConfigKeys;
import io.squall.runtime.api.EventTimeBolt;
import io.squall.runtime.api.TimedBolt;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.IRichBolt;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import io.squall.windowing.LateTuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * An interval join on event time: each tuple of the left stream joins every tuple of the right stream with the same
 * key whose event time is within {@code [left.ts - lower, left.ts + upper]}, as Flink's interval join does.
 *
 * <pre>{@code
 * builder.setBolt("attributed", new IntervalJoinBolt("impressions", "id", "clicks", "impressionId")
 *                 .between(Duration.ZERO, Duration.ofMinutes(10))   // a click within 10 min after its impression
 *                 .withTimestampField("ts")
 *                 .select("impressions:id, campaign, clicks:ts"), 4)
 *         .fieldsGrouping("impressions", new Fields("id"))
 *         .fieldsGrouping("clicks", new Fields("impressionId"));
 * }</pre>
 *
 * <p>Streams are named by source component and must be fields-grouped on their keys. A pair is emitted as soon as
 * its second tuple arrives, anchored to both; {@code select} names the output fields as {@link JoinBolt} does
 * ({@code stream:field}, or a bare name from the left stream if it has it, else the right). The bolt is driven by the
 * watermarks of its inputs (declare event time at the spouts): a left tuple is kept, and acked once the watermark
 * passes {@code ts + upper}, a right one once it passes {@code ts + lower}, so its state holds only what a future
 * tuple can still join. A tuple at or behind the watermark is late: it joins nothing, is counted
 * ({@code late-tuples} task metric), and goes to {@code withLateTupleStream} or is logged (at most every 10 s). Its
 * own watermark, forwarded downstream, is its input watermark: every later pair has a tuple after it. Without
 * watermarks from its inputs it derives them from the tuples' times (each input task in order). A held tuple's
 * message timeout is reset while it waits, so the default timeout does. Runs on its executor thread.
 */
public class IntervalJoinBolt implements IRichBolt, EventTimeBolt, TimedBolt {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(IntervalJoinBolt.class);
    private static final long LATE_LOG_INTERVAL_MS = 10_000;

    private final String left;
    private final String leftKey;
    private final String right;
    private final String rightKey;
    private long lowerMs;
    private long upperMs;
    private String timestampField;
    private String lateStream;
    private String[] selectors;

    private transient OutputCollector collector;
    private transient Side leftSide;
    private transient Side rightSide;
    private transient EventTimeBolt.InputWatermarks derive;
    private transient long watermark;
    private transient Counter lateTuples;
    private transient long lateSinceLog;
    private transient long lastLateLogMs;
    private transient long resetEveryMs;
    private transient long nextResetMs;

    /** A tuple held for what may still join it, until the watermark passes {@code expiry}. */
    private record Held(Tuple tuple, Object key, long ts, long expiry) { }

    /** The tuples of one stream held by key, and by expiry. */
    private static final class Side {
        final Map<Object, List<Held>> byKey = new HashMap<>();
        final PriorityQueue<Held> byExpiry = new PriorityQueue<>((a, b) -> Long.compare(a.expiry(), b.expiry()));

        void add(Held h) {
            byKey.computeIfAbsent(h.key(), k -> new ArrayList<>()).add(h);
            byExpiry.add(h);
        }

        /** Removes and returns, oldest first, what expires at or before {@code watermark}. */
        List<Held> expire(long watermark) {
            List<Held> out = new ArrayList<>();
            while (!byExpiry.isEmpty() && byExpiry.peek().expiry() <= watermark) {
                Held h = byExpiry.poll();
                List<Held> same = byKey.get(h.key());
                same.remove(h);
                if (same.isEmpty()) {
                    byKey.remove(h.key());
                }
                out.add(h);
            }
            return out;
        }
    }

    /**
     * Joins the tuples of component {@code left} to those of component {@code right} where
     * {@code left.leftKey = right.rightKey}.
     */
    public IntervalJoinBolt(String left, String leftKey, String right, String rightKey) {
        requireName(left, "left stream");
        requireName(leftKey, "left key field");
        requireName(right, "right stream");
        requireName(rightKey, "right key field");
        if (left.equals(right)) {
            throw new IllegalArgumentException("IntervalJoinBolt joins two different streams, got '" + left
                    + "' twice");
        }
        this.left = left;
        this.leftKey = leftKey;
        this.right = right;
        this.rightKey = rightKey;
        this.selectors = new String[] {left + ":" + leftKey};
    }

    private static void requireName(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException("IntervalJoinBolt needs a " + what + ", got '" + s + "'");
        }
    }

    /**
     * Joins a right tuple to a left one when {@code left.ts - lower <= right.ts <= left.ts + upper}.
     *
     * @throws IllegalArgumentException if a bound is negative
     */
    public IntervalJoinBolt between(Duration lower, Duration upper) {
        if (lower == null || upper == null || lower.isNegative() || upper.isNegative()) {
            throw new IllegalArgumentException("IntervalJoinBolt.between needs two durations of at least 0 (how far "
                    + "before and after a left tuple a right tuple may be), got " + lower + " and " + upper);
        }
        this.lowerMs = lower.toMillis();
        this.upperMs = upper.toMillis();
        return this;
    }

    /** The field of both streams that holds the event time, in epoch milliseconds. */
    public IntervalJoinBolt withTimestampField(String fieldName) {
        requireName(fieldName, "timestamp field");
        this.timestampField = fieldName;
        return this;
    }

    /** Emits late tuples, as a {@link LateTuple} in field {@code late_tuple}, on {@code streamId}. */
    public IntervalJoinBolt withLateTupleStream(String streamId) {
        requireName(streamId, "late-tuple stream id");
        this.lateStream = streamId;
        return this;
    }

    /**
     * The output fields, comma separated: {@code stream:field}, or a bare field of the left stream (else the right).
     * Default: the left key.
     */
    public IntervalJoinBolt select(String commaSeparatedFields) {
        requireName(commaSeparatedFields, "selection of output fields");
        String[] s = commaSeparatedFields.split(",");
        for (int i = 0; i < s.length; i++) {
            s[i] = s[i].trim();
            int colon = s[i].indexOf(':');
            if (s[i].isEmpty() || colon == 0 || colon == s[i].length() - 1
                    || colon > 0 && !s[i].startsWith(left + ":") && !s[i].startsWith(right + ":")) {
                throw new IllegalArgumentException("IntervalJoinBolt.select: '" + s[i] + "' is not a field, nor "
                        + left + ":field or " + right + ":field");
            }
        }
        this.selectors = s;
        return this;
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        if (timestampField == null) {
            throw new IllegalArgumentException("IntervalJoinBolt '" + context.getThisComponentId() + "' needs "
                    + "withTimestampField: it joins on event time");
        }
        this.collector = collector;
        this.leftSide = new Side();
        this.rightSide = new Side();
        this.watermark = Long.MIN_VALUE;
        this.lateTuples = context.registerCounter("late-tuples");
        this.resetEveryMs = resetEveryMs(topoConf);
        this.nextResetMs = Long.MIN_VALUE;
    }

    private static long resetEveryMs(Map<String, Object> conf) {
        Object acking = conf.get(ConfigKeys.TOPOLOGY_ACKER_EXECUTORS.name());
        Object secs = conf.get(ConfigKeys.TOPOLOGY_MESSAGE_TIMEOUT_SECS.name());
        if (acking instanceof Number n && n.intValue() == 0) {
            return 0;
        }
        long timeoutSecs = secs instanceof Number n ? n.longValue()
                : ((Number) ConfigKeys.TOPOLOGY_MESSAGE_TIMEOUT_SECS.defaultValue()).longValue();
        return Math.max(1, timeoutSecs * 1000 / 3);
    }

    @Override
    public void execute(Tuple input) {
        String source = input.getSourceComponent();
        boolean isLeft = source.equals(left);
        if (!isLeft && !source.equals(right)) {
            collector.reportError(new IllegalArgumentException("IntervalJoinBolt joins '" + left + "' and '" + right
                    + "' but got a tuple from '" + source + "': subscribe it to those two only"));
            collector.fail(input);
            return;
        }
        Object rawTs = input.contains(timestampField) ? input.getValueByField(timestampField) : null;
        if (!(rawTs instanceof Number n)) {
            collector.reportError(new IllegalArgumentException("IntervalJoinBolt: a tuple from '" + source
                    + "' has no number of epoch ms in field '" + timestampField + "' (got " + rawTs + ")"));
            collector.fail(input);
            return;
        }
        long ts = n.longValue();
        if (derive != null) {
            derive.observe(input.getSourceTask(), ts - 1);
        }
        if (ts <= watermark) {
            onLate(input, ts);
            return;
        }
        Object key = input.getValueByField(isLeft ? leftKey : rightKey);
        if (isLeft) {
            for (Held r : rightSide.byKey.getOrDefault(key, List.of())) {
                if (r.ts() >= ts - lowerMs && r.ts() <= ts + upperMs) {
                    emit(input, r.tuple());
                }
            }
            leftSide.add(new Held(input, key, ts, ts + upperMs));
        } else {
            for (Held l : leftSide.byKey.getOrDefault(key, List.of())) {
                if (ts >= l.ts() - lowerMs && ts <= l.ts() + upperMs) {
                    emit(l.tuple(), input);
                }
            }
            rightSide.add(new Held(input, key, ts, ts + lowerMs));
        }
    }

    private void emit(Tuple l, Tuple r) {
        Values out = new Values();
        for (String s : selectors) {
            out.add(select(s, l, r));
        }
        collector.emit(List.of(l, r), out);
    }

    private Object select(String selector, Tuple l, Tuple r) {
        int colon = selector.indexOf(':');
        if (colon > 0) {
            Tuple t = selector.startsWith(left + ":") ? l : r;
            String field = selector.substring(colon + 1);
            return t.contains(field) ? t.getValueByField(field) : null;
        }
        if (l.contains(selector)) {
            return l.getValueByField(selector);
        }
        return r.contains(selector) ? r.getValueByField(selector) : null;
    }

    private void onLate(Tuple input, long ts) {
        lateTuples.inc();
        if (lateStream != null) {
            collector.emit(lateStream, input, new Values(new LateTuple(input, ts)));
        } else {
            lateSinceLog++;
            long now = System.currentTimeMillis();
            if (now - lastLateLogMs >= LATE_LOG_INTERVAL_MS) {
                LOG.warn("IntervalJoinBolt dropped {} late tuple(s) since the last report (latest: event time {} at or "
                        + "before watermark {}, from {}); {} in all (task metric late-tuples). Declare a larger "
                        + "out-of-orderness at the spouts or route them with withLateTupleStream", lateSinceLog, ts,
                        watermark, input.getSourceComponent(), lateTuples.getCount());
                lateSinceLog = 0;
                lastLateLogMs = now;
            }
        }
        collector.ack(input);
    }

    @Override
    public void useRuntimeWatermarks(EventTimeBolt.InputWatermarks deriveInto) {
        this.derive = deriveInto;
    }

    @Override
    public void onWatermark(long w) {
        if (w <= watermark) {
            return;
        }
        watermark = w;
        for (Held h : leftSide.expire(w)) {
            collector.ack(h.tuple());
        }
        for (Held h : rightSide.expire(w)) {
            collector.ack(h.tuple());
        }
    }

    @Override
    public long outputWatermark() {
        return watermark;
    }

    @Override
    public void onTime(long nowMillis) {
        if (resetEveryMs == 0) {
            return;
        }
        if (nextResetMs == Long.MIN_VALUE) {
            nextResetMs = nowMillis + resetEveryMs;
        } else if (nowMillis >= nextResetMs) {
            nextResetMs = nowMillis + resetEveryMs;
            for (Side side : new Side[] {leftSide, rightSide}) {
                for (Iterator<Held> it = side.byExpiry.iterator(); it.hasNext(); ) {
                    collector.resetTimeout(it.next().tuple());
                }
            }
        }
    }

    /** How many tuples the bolt holds, left and right (for tests and metrics). */
    int heldCount() {
        return leftSide.byExpiry.size() + rightSide.byExpiry.size();
    }

    @Override
    public void cleanup() {
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields(selectors));
        if (lateStream != null) {
            declarer.declareStream(lateStream, new Fields("late_tuple"));
        }
    }

    @Override
    public Map<String, Object> getComponentConfiguration() {
        return null;
    }
}
