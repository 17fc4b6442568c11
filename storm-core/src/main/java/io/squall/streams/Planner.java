package io.squall.streams;

import io.squall.streams.windowing.Window;
import io.squall.topology.BoltDeclarer;
import io.squall.topology.IBasicBolt;
import io.squall.topology.IRichBolt;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseWindowedBolt;
import io.squall.topology.base.BaseWindowedBolt.Count;
import io.squall.topology.base.BaseWindowedBolt.Duration;
import io.squall.tuple.Fields;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link StreamBuilder}'s nodes into a topology of spouts and bolts. Stateless ops run in the bolt of the
 * node they follow; a window, a repartition, an aggregation or join and a state each start a bolt, grouped by key
 * (or global, or shuffled) from the bolts that feed it. Used once, on the user's thread.
 */
final class Planner {
    private enum Grouping { LOCAL_OR_SHUFFLE, SHUFFLE, GLOBAL, KEY }

    private record Subscription(String component, String stream, Grouping grouping) {
    }

    /** A bolt being planned. */
    private static final class Group {
        final BoltPlan plan;
        final Node.Kind kind;
        final Window<?, ?> window;
        final List<Subscription> subscriptions = new ArrayList<>();

        Group(BoltPlan plan, Node.Kind kind, Window<?, ?> window) {
            this.plan = plan;
            this.kind = kind;
            this.window = window;
        }
    }

    private final Map<Node, Group> groupOf = new HashMap<>();
    private final Map<Node, Stage> stageOf = new HashMap<>();
    private final Map<Node, String> spoutIds = new HashMap<>();
    private final List<Group> groups = new ArrayList<>();
    private final List<Node> sinks = new ArrayList<>();
    /** The timestamp field of the windows by event time, or null. */
    private String timestampField;
    /** The largest lag of the windows by event time, in ms. */
    private long lagMs;

    StormTopology plan(List<Node> nodes) {
        if (nodes.isEmpty()) {
            throw new IllegalStateException("the StreamBuilder has no stream: call newStream first");
        }
        timestampField = timestampField(nodes);
        for (Node n : nodes) {
            if (n.kind == Node.Kind.WINDOW && n.window.getLag() != null) {
                lagMs = Math.max(lagMs, n.window.getLag().value);
            }
        }
        TopologyBuilder builder = new TopologyBuilder();
        for (Node n : nodes) {
            place(n, builder);
        }
        for (Group g : groups) {
            g.plan.timestampField = timestampField;
        }
        for (Node s : sinks) {
            Node parent = s.parents.get(0);
            stageOf.get(parent).addOutput(new Stage.Output("sink" + s.id, parent.paired, false, true));
        }
        for (Group g : groups) {
            BoltDeclarer d = switch (g.kind) {
                case WINDOW -> builder.setBolt(g.plan.componentId, windowed(g), g.plan.parallelism);
                case STATE -> builder.setBolt(g.plan.componentId, new StatefulStreamBolt(g.plan), g.plan.parallelism);
                default -> builder.setBolt(g.plan.componentId, new StreamBolt(g.plan), g.plan.parallelism);
            };
            subscribe(d, g.subscriptions);
            for (String c : g.plan.punctuationFrom) {
                d.allGrouping(c, BoltPlan.PUNCTUATION);
            }
        }
        for (Node s : sinks) {
            Node parent = s.parents.get(0);
            String stream = "sink" + s.id;
            String id = "sink" + s.id;
            BoltDeclarer d = s.userBolt instanceof IRichBolt rich ? builder.setBolt(id, rich, s.parallelism)
                    : builder.setBolt(id, (IBasicBolt) s.userBolt, s.parallelism);
            d.shuffleGrouping(groupOf.get(parent).plan.componentId, stream);
        }
        return builder.createTopology();
    }

    private void place(Node n, TopologyBuilder builder) {
        switch (n.kind) {
            case SPOUT -> {
                String id = "spout" + n.id;
                io.squall.topology.SpoutDeclarer d = builder.setSpout(id, n.spout, n.parallelism);
                if (timestampField != null) {
                    // Watermarks start at the source, as a topology's declared event time: the lag is the spout's
                    // out-of-orderness, and the end of a finite spout flushes every window.
                    d.withEventTime(timestampField, java.time.Duration.ofMillis(lagMs))
                            .withWatermarkInterval(java.time.Duration.ZERO);
                }
                spoutIds.put(n, id);
            }
            case PROCESS -> {
                Node parent = n.parents.get(0);
                if (parent.kind == Node.Kind.SPOUT) {
                    Group g = newGroup(n, Node.Kind.PROCESS);
                    Stage s = g.plan.newStage(n.op);
                    g.plan.addInput(spoutIds.get(parent), "default",
                            new BoltPlan.Entry(s, 0, true, false, BoltPlan.Role.VALUES));
                    g.subscriptions.add(new Subscription(spoutIds.get(parent), "default", Grouping.LOCAL_OR_SHUFFLE));
                    stageOf.put(n, s);
                } else {
                    Group g = groupOf.get(parent);
                    Stage s = g.plan.newStage(n.op);
                    stageOf.get(parent).addNext(s);
                    groupOf.put(n, g);
                    stageOf.put(n, s);
                }
            }
            case WINDOW, REPARTITION -> {
                Group g = newGroup(n, n.kind);
                Stage s = g.plan.newStage(null);
                stageOf.put(n, s);
                connect(n.parents.get(0), g, s, n.kind == Node.Kind.WINDOW ? Grouping.LOCAL_OR_SHUFFLE : Grouping.SHUFFLE,
                        BoltPlan.Role.VALUES, 0);
            }
            case AGGREGATE, STATE -> {
                Group g = newGroup(n, n.kind);
                Stage s = g.plan.newStage(null);
                g.plan.headOut = s;
                stageOf.put(n, s);
                if (n.kind == Node.Kind.AGGREGATE) {
                    g.plan.aggregate = n.aggregate;
                } else {
                    @SuppressWarnings("unchecked")
                    io.squall.streams.operations.StateUpdater<Object, Object> u =
                            (io.squall.streams.operations.StateUpdater<Object, Object>) n.updater;
                    g.plan.updater = u;
                }
                Grouping grouping = n.aggregate != null && n.aggregate.isGlobal() ? Grouping.GLOBAL : Grouping.KEY;
                for (int i = 0; i < n.parents.size(); i++) {
                    connect(n.parents.get(i), g, null, grouping, BoltPlan.Role.HEAD, i);
                }
            }
            case QUERY -> {
                Group g = groupOf.get(n.state);
                Stage s = g.plan.newStage(null);
                groupOf.put(n, g);
                stageOf.put(n, s);
                connect(n.parents.get(0), g, s, Grouping.KEY, BoltPlan.Role.QUERY, 0);
            }
            case SINK -> sinks.add(n);
            default -> throw new IllegalStateException("unknown node kind " + n.kind);
        }
    }

    private Group newGroup(Node head, Node.Kind kind) {
        Group g = new Group(new BoltPlan("bolt" + head.id, head.parallelism), kind, head.window);
        groups.add(g);
        groupOf.put(head, g);
        return g;
    }

    /** Makes {@code from}'s values reach {@code target} in {@code to}'s bolt. */
    private void connect(Node from, Group to, Stage target, Grouping grouping, BoltPlan.Role role, int side) {
        Group source = groupOf.get(from);
        boolean keyIsValue = role == BoltPlan.Role.QUERY;
        String stream = "s" + from.id + (keyIsValue ? "k" : "");
        stageOf.get(from).addOutput(new Stage.Output(stream, from.paired, keyIsValue, false));
        to.plan.addInput(source.plan.componentId, stream, new BoltPlan.Entry(target, side, false, from.paired, role));
        to.subscriptions.add(new Subscription(source.plan.componentId, stream, grouping));
        if (from.windowed && to.kind != Node.Kind.WINDOW) {
            to.plan.punctuationFrom.add(source.plan.componentId);
            source.plan.emitsPunctuation = true;
        }
    }

    private static void subscribe(BoltDeclarer d, List<Subscription> subscriptions) {
        for (Subscription s : subscriptions) {
            switch (s.grouping()) {
                case LOCAL_OR_SHUFFLE -> d.localOrShuffleGrouping(s.component(), s.stream());
                case SHUFFLE -> d.shuffleGrouping(s.component(), s.stream());
                case GLOBAL -> d.globalGrouping(s.component(), s.stream());
                case KEY -> d.fieldsGrouping(s.component(), s.stream(), new Fields("key"));
                default -> throw new IllegalStateException("unknown grouping " + s.grouping());
            }
        }
    }

    /**
     * The one timestamp field of the windows by event time, or null if every window is by processing time.
     *
     * @throws IllegalArgumentException if windows name different fields, or one a field the streams use
     */
    private static String timestampField(List<Node> nodes) {
        String field = null;
        for (Node n : nodes) {
            String f = n.kind == Node.Kind.WINDOW ? n.window.getTimestampField() : null;
            if (f == null) {
                continue;
            }
            if (field != null && !field.equals(f)) {
                throw new IllegalArgumentException("Stream.window: windows by event time read one timestamp field "
                        + "of the spouts' tuples, but they name '" + field + "' and '" + f + "'");
            }
            if (f.equals("key") || f.equals("value")) {
                throw new IllegalArgumentException("Stream.window: the timestamp field cannot be named '" + f
                        + "', which the streams between bolts use; rename it in the spout");
            }
            field = f;
        }
        return field;
    }

    private static WindowedStreamBolt windowed(Group g) {
        WindowedStreamBolt bolt = new WindowedStreamBolt(g.plan);
        if (g.window.getTimestampField() != null) {
            bolt.withTimestampField(g.window.getTimestampField()); // its lag is applied at the spouts
            if (g.window.getLateTupleStream() != null) {
                bolt.withLateTupleStream(g.window.getLateTupleStream());
            }
        }
        Object length = g.window.getWindowLength();
        Object interval = g.window.getSlidingInterval();
        if (length instanceof Count lc) {
            if (interval instanceof Count ic) {
                bolt.withWindow(lc, ic);
            } else {
                bolt.withWindow(lc, (Duration) interval);
            }
        } else if (interval instanceof Count ic) {
            bolt.withWindow((Duration) length, ic);
        } else {
            bolt.withWindow((Duration) length, (Duration) interval);
        }
        return bolt;
    }

    /** Rejects what Squall's windows for streams do not do, saying what to use instead. */
    static void checkWindow(Window<?, ?> window) {
        if (window.getTimestampField() == null && (window.getLateTupleStream() != null || window.getLag() != null)) {
            throw new IllegalArgumentException("Stream.window: withLag and withLateTupleStream are for windows by "
                    + "event time: add withTimestampField(FIELD), the spout's field holding each tuple's time in ms");
        }
        Object length = window.getWindowLength();
        Object interval = window.getSlidingInterval();
        if (!(length instanceof Count || length instanceof Duration)
                || !(interval instanceof Count || interval instanceof Duration)) {
            throw new IllegalArgumentException("Stream.window: a window's length and interval are each a "
                    + "BaseWindowedBolt.Count or a BaseWindowedBolt.Duration, but got " + window);
        }
    }
}
