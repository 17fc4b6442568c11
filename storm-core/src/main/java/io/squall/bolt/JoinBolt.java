package io.squall.bolt;

import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.GlobalStreamId;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseWindowedBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.windowing.TimestampExtractor;
import io.squall.windowing.TupleWindow;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Storm's {@code JoinBolt}: joins several streams over each window, like SQL's
 * {@code select ... from s1 join s2 on s2.k2 = s1.k1 left join s3 on s3.k3 = s2.k2}:
 *
 * <pre>{@code
 * new JoinBolt("purchases", "userId")                      // from purchases (joined on userId)
 *         .join("ads", "userId", "purchases")              // inner join ads on ads.userId = purchases.userId
 *         .leftJoin("clicks", "user", "ads")               // left join clicks on clicks.user = ads.userId
 *         .select("userId, product, ads:campaign, clicks:url")
 *         .withTumblingWindow(Duration.seconds(10));
 * }</pre>
 *
 * Streams are named by source component (default) or by stream id ({@link Selector#STREAM}); each has
 * one key field, given when it is introduced, and each stream must be fields-grouped on it. Joins run in
 * the order declared, over the whole window each time it fires (a sliding window joins overlapping
 * tuples again). {@code select} names the output fields: {@code stream:field} picks a stream, a bare name
 * the first stream (in join order) whose tuple has it, and {@code a.b.c} looks into nested {@code Map}s;
 * a missing value (a left join without match) is null. The output field names are the selectors as
 * written. Each result is emitted anchored to the tuples it joins.
 */
public class JoinBolt extends BaseWindowedBolt {
    private static final long serialVersionUID = 1L;

    /** What a stream name in a join means. */
    public enum Selector {
        /** The id of the source stream. */
        STREAM,
        /** The id of the source component (spout or bolt). */
        SOURCE
    }

    /** The kinds of join. */
    private enum JoinType { INNER, LEFT }

    private final Selector selectorType;
    /** Stream name → how it joins, in join order; the first is the base stream. */
    private final LinkedHashMap<String, JoinInfo> joins = new LinkedHashMap<>();
    private FieldSelector[] outputFields;
    private String outputStreamName;
    private transient OutputCollector collector;

    /** Joins starting with the tuples from component {@code sourceId}, keyed on {@code fieldName}. */
    public JoinBolt(String sourceId, String fieldName) {
        this(Selector.SOURCE, sourceId, fieldName);
    }

    /** Joins starting with the stream or component {@code srcOrStreamId}, keyed on {@code fieldName}. */
    public JoinBolt(Selector type, String srcOrStreamId, String fieldName) {
        this.selectorType = Objects.requireNonNull(type, "selector type");
        requireName(srcOrStreamId, "stream");
        joins.put(srcOrStreamId, new JoinInfo(new FieldSelector(srcOrStreamId, fieldName), null, null));
    }

    /** Emits on {@code streamName} instead of the default stream. */
    public JoinBolt withOutputStream(String streamName) {
        this.outputStreamName = requireName(streamName, "output stream");
        return this;
    }

    /** Inner join of {@code newStream} on {@code newStream.field = priorStream.<its key>}. */
    public JoinBolt join(String newStream, String field, String priorStream) {
        return addJoin(newStream, field, priorStream, JoinType.INNER);
    }

    /** Left join of {@code newStream}: every result so far is kept, with nulls where nothing matches. */
    public JoinBolt leftJoin(String newStream, String field, String priorStream) {
        return addJoin(newStream, field, priorStream, JoinType.LEFT);
    }

    private JoinBolt addJoin(String newStream, String field, String priorStream, JoinType type) {
        requireName(newStream, "stream");
        if (!joins.containsKey(priorStream)) {
            throw new IllegalArgumentException("Stream '" + priorStream + "' was not introduced before: join it "
                    + "after the constructor or a join() that names it (known: " + joins.keySet() + ")");
        }
        if (joins.containsKey(newStream)) {
            throw new IllegalArgumentException("Stream '" + newStream + "' is joined twice");
        }
        joins.put(newStream, new JoinInfo(new FieldSelector(newStream, field), priorStream, type));
        return this;
    }

    /**
     * The output fields, comma-separated: {@code field}, {@code stream:field}, with {@code a.b} for a value
     * nested in a {@code Map}.
     */
    public JoinBolt select(String commaSeparatedKeys) {
        if (commaSeparatedKeys == null || commaSeparatedKeys.isBlank()) {
            throw new IllegalArgumentException("select needs at least one field");
        }
        String[] keys = commaSeparatedKeys.split(",");
        FieldSelector[] selectors = new FieldSelector[keys.length];
        for (int i = 0; i < keys.length; i++) {
            selectors[i] = new FieldSelector(keys[i]);
            String stream = selectors[i].stream;
            if (stream != null && !joins.containsKey(stream)) {
                throw new IllegalArgumentException("select names stream '" + stream + "' in '" + keys[i].trim()
                        + "', which is not joined (joined: " + joins.keySet() + ")");
            }
        }
        this.outputFields = selectors;
        return this;
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        if (outputFields == null) {
            throw new IllegalArgumentException("JoinBolt has no output fields: call select(...)");
        }
        String[] names = Arrays.stream(outputFields).map(f -> f.outputName).toArray(String[]::new);
        if (outputStreamName != null) {
            declarer.declareStream(outputStreamName, new Fields(names));
        } else {
            declarer.declare(new Fields(names));
        }
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        this.collector = collector;
        if (outputFields == null) {
            throw new IllegalArgumentException("JoinBolt '" + context.getThisComponentId() + "' has no output fields: "
                    + "call select(...)");
        }
        List<String> subscribed = new ArrayList<>();
        for (GlobalStreamId in : context.getThisSources().keySet()) {
            subscribed.add(selectorType == Selector.SOURCE ? in.getComponentId() : in.getStreamId());
        }
        for (String stream : joins.keySet()) {
            if (!subscribed.contains(stream)) {
                throw new IllegalArgumentException("JoinBolt '" + context.getThisComponentId() + "' joins "
                        + selectorType.name().toLowerCase() + " '" + stream + "', but subscribes to none by that name "
                        + "(it subscribes to " + subscribed + ")");
            }
        }
    }

    @Override
    public void execute(TupleWindow inputWindow) {
        for (List<Tuple> record : join(inputWindow.get())) {
            List<Object> values = new ArrayList<>(outputFields.length);
            for (FieldSelector f : outputFields) {
                values.add(project(record, f));
            }
            List<Tuple> anchors = new ArrayList<>(record.size());
            for (Tuple t : record) {
                if (t != null) {
                    anchors.add(t);
                }
            }
            if (outputStreamName == null) {
                collector.emit(anchors, values);
            } else {
                collector.emit(outputStreamName, anchors, values);
            }
        }
    }

    /** The joined records: one tuple (or null, after a left join) per joined stream, in join order. */
    List<List<Tuple>> join(List<Tuple> window) {
        Map<String, List<Tuple>> byStream = new HashMap<>();
        for (Tuple t : window) {
            String stream = selectorType == Selector.SOURCE ? t.getSourceComponent() : t.getSourceStreamId();
            if (joins.containsKey(stream)) {
                byStream.computeIfAbsent(stream, k -> new ArrayList<>()).add(t);
            }
        }
        List<String> order = new ArrayList<>(joins.keySet());
        List<List<Tuple>> records = new ArrayList<>();
        for (Tuple t : byStream.getOrDefault(order.get(0), List.of())) {
            records.add(new ArrayList<>(Collections.singletonList(t)));
        }
        for (int i = 1; i < order.size(); i++) {
            JoinInfo info = joins.get(order.get(i));
            Map<Object, List<Tuple>> hashed = new HashMap<>();
            for (Tuple t : byStream.getOrDefault(order.get(i), List.of())) {
                hashed.computeIfAbsent(info.key.lookup(t), k -> new ArrayList<>()).add(t);
            }
            int prior = order.indexOf(info.priorStream);
            FieldSelector priorKey = joins.get(info.priorStream).key;
            List<List<Tuple>> next = new ArrayList<>();
            for (List<Tuple> record : records) {
                Tuple p = record.get(prior);
                List<Tuple> matches = p == null ? List.of() : hashed.getOrDefault(priorKey.lookup(p), List.of());
                for (Tuple m : matches) {
                    List<Tuple> joined = new ArrayList<>(record);
                    joined.add(m);
                    next.add(joined);
                }
                if (matches.isEmpty() && info.type == JoinType.LEFT) {
                    List<Tuple> joined = new ArrayList<>(record);
                    joined.add(null);
                    next.add(joined);
                }
            }
            records = next;
        }
        return records;
    }

    private Object project(List<Tuple> record, FieldSelector f) {
        List<String> order = new ArrayList<>(joins.keySet());
        if (f.stream != null) {
            Tuple t = record.get(order.indexOf(f.stream));
            return t == null ? null : f.lookup(t);
        }
        for (Tuple t : record) {
            if (t != null && t.contains(f.path[0])) {
                return f.lookup(t);
            }
        }
        return null;
    }

    private static String requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A JoinBolt " + what + " name must be a non-empty string");
        }
        return name;
    }

    /** How one stream joins: its key, and the earlier stream whose key it must equal. */
    private record JoinInfo(FieldSelector key, String priorStream, JoinType type) implements Serializable {
    }

    /** A field, optionally of a named stream, optionally nested in {@code Map}s ({@code stream:a.b.c}). */
    private static final class FieldSelector implements Serializable {
        private static final long serialVersionUID = 1L;
        final String stream;
        final String[] path;
        final String outputName;

        /** A selector as written in {@code select}: {@code [stream:]a[.b...]}. */
        FieldSelector(String descriptor) {
            String d = descriptor.trim();
            int colon = d.indexOf(':');
            this.stream = colon > 0 ? d.substring(0, colon).trim() : null;
            String field = colon >= 0 ? d.substring(colon + 1).trim() : d;
            if (field.isEmpty()) {
                throw new IllegalArgumentException("Empty field name in JoinBolt selector '" + descriptor + "'");
            }
            this.path = field.split("\\.");
            this.outputName = colon > 0 ? d : field;
        }

        /** A join key of {@code stream}: no stream prefix allowed. */
        FieldSelector(String stream, String field) {
            if (field == null || field.isBlank()) {
                throw new IllegalArgumentException("Stream '" + stream + "' needs a join field");
            }
            if (field.contains(":")) {
                throw new IllegalArgumentException("Join field '" + field + "' of stream '" + stream + "' must not name "
                        + "a stream: the stream is implicit there");
            }
            this.stream = stream;
            this.path = field.trim().split("\\.");
            this.outputName = field.trim();
        }

        Object lookup(Tuple t) {
            if (!t.contains(path[0])) {
                return null;
            }
            Object v = t.getValueByField(path[0]);
            for (int i = 1; i < path.length && v != null; i++) {
                v = v instanceof Map<?, ?> m ? m.get(path[i]) : null;
            }
            return v;
        }
    }

    // Storm's JoinBolt returns itself from the window settings, so configured bolts chain and assign as JoinBolt.

    @Override
    public JoinBolt withWindow(Count windowLength, Count slidingInterval) {
        super.withWindow(windowLength, slidingInterval);
        return this;
    }

    @Override
    public JoinBolt withWindow(Count windowLength, Duration slidingInterval) {
        super.withWindow(windowLength, slidingInterval);
        return this;
    }

    @Override
    public JoinBolt withWindow(Duration windowLength, Count slidingInterval) {
        super.withWindow(windowLength, slidingInterval);
        return this;
    }

    @Override
    public JoinBolt withWindow(Duration windowLength, Duration slidingInterval) {
        super.withWindow(windowLength, slidingInterval);
        return this;
    }

    @Override
    public JoinBolt withWindow(Count windowLength) {
        super.withWindow(windowLength);
        return this;
    }

    @Override
    public JoinBolt withWindow(Duration windowLength) {
        super.withWindow(windowLength);
        return this;
    }

    @Override
    public JoinBolt withTumblingWindow(Count count) {
        super.withTumblingWindow(count);
        return this;
    }

    @Override
    public JoinBolt withTumblingWindow(Duration duration) {
        super.withTumblingWindow(duration);
        return this;
    }

    @Override
    public JoinBolt withTimestampField(String fieldName) {
        super.withTimestampField(fieldName);
        return this;
    }

    @Override
    public JoinBolt withTimestampExtractor(TimestampExtractor extractor) {
        super.withTimestampExtractor(extractor);
        return this;
    }

    @Override
    public JoinBolt withLateTupleStream(String streamId) {
        super.withLateTupleStream(streamId);
        return this;
    }

    @Override
    public JoinBolt withLag(Duration duration) {
        super.withLag(duration);
        return this;
    }

    @Override
    public JoinBolt withWatermarkInterval(Duration interval) {
        super.withWatermarkInterval(interval);
        return this;
    }
}
