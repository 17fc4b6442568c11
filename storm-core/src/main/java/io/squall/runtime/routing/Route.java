package io.squall.runtime.routing;

import io.squall.runtime.stats.StreamStats;
import io.squall.runtime.tap.TapPoint;
import io.squall.task.GeneralTopologyContext;
import io.squall.tuple.Fields;
import io.squall.tuple.TupleSource;

import java.util.Arrays;

/**
 * Where one output stream of one task goes: its schema, the selectors of its subscriptions, and the
 * tasks that may receive it directly. Owned by the emitting task's executor thread.
 */
public final class Route {
    private final GeneralTopologyContext context;
    private final String componentId;
    private final String streamId;
    private final Fields fields;
    /** The schema's size, kept so the arity check of every emit reads one field. */
    private final int arity;
    private final boolean direct;
    private final TaskSelector[] selectors;
    private final int[] directTargets;
    private final int maxTargets;
    /** Scratch for selectors; safe because one thread emits on this route. */
    private final int[] scratch;
    /** Where a dashboard tap on this stream shows up; set once when the task is made. */
    private TapPoint tap = new TapPoint();
    /** The counts of this stream of the task; the task's own counters once the task is made. */
    private StreamStats counts;
    /** What the tuples of this route say they come from; set once when the task is made. */
    private TupleSource source;
    /** What the emitting executor keeps with this route (a spout: where its trees on the stream are counted). */
    private Object attachment;

    Route(GeneralTopologyContext context, String componentId, String streamId, Fields fields, boolean direct,
          TaskSelector[] selectors, int[] directTargets) {
        this.context = context;
        this.componentId = componentId;
        this.streamId = streamId;
        this.fields = fields;
        this.arity = fields.size();
        this.direct = direct;
        this.selectors = selectors;
        this.directTargets = directTargets.clone();
        Arrays.sort(this.directTargets);
        int max = 0;
        for (TaskSelector s : selectors) {
            max = Math.max(max, s.maxTargets());
        }
        this.maxTargets = max;
        this.scratch = new int[Math.max(1, max)];
        this.counts = new StreamStats(streamId);
    }

    /** Keeps {@code o} with this route for the emitting executor ({@link #attachment()}). Before the first emit. */
    public void attach(Object o) {
        this.attachment = o;
    }

    /** What the emitting executor keeps with this route, or null. */
    public Object attachment() {
        return attachment;
    }

    /** Counts this route's emits into {@code stats} (the task's counters of the stream). Before the first emit. */
    public void countInto(StreamStats stats) {
        this.counts = stats;
    }

    /** The counters of this stream of the task. */
    public StreamStats counts() {
        return counts;
    }

    /** The emitting component. */
    public String componentId() {
        return componentId;
    }

    /** The stream id. */
    public String streamId() {
        return streamId;
    }

    /** The stream's schema. */
    public Fields fields() {
        return fields;
    }

    /** How many values a tuple of the stream has: {@code fields().size()}. */
    public int arity() {
        return arity;
    }

    /** Whether the stream is declared direct. */
    public boolean isDirect() {
        return direct;
    }

    /** The subscriptions' selectors. */
    public TaskSelector[] selectors() {
        return selectors;
    }

    /** A scratch array big enough for any selector's choice. */
    public int[] scratch() {
        return scratch;
    }

    /** The most tasks any one subscription chooses for a tuple. */
    public int maxTargets() {
        return maxTargets;
    }

    /** Where the executor looks for an open tap on this stream. */
    public TapPoint tap() {
        return tap;
    }

    /** Connects this route to its worker's tap point of the stream; before the task emits. */
    public void tapAt(TapPoint point) {
        this.tap = point;
    }

    /** What the tuples emitted on this route carry as their source, shared by all of them. */
    public TupleSource source() {
        return source;
    }

    /** Names the emitting task of this route's tuples; before the task emits. */
    public void emittedBy(int task) {
        this.source = new TupleSource(componentId, streamId, fields, task, context);
    }

    /** Whether {@code task} subscribes to this stream with a direct grouping. */
    public boolean acceptsDirect(int task) {
        return Arrays.binarySearch(directTargets, task) >= 0;
    }
}
