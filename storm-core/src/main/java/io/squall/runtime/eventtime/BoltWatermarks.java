package io.squall.runtime.eventtime;

import io.squall.config.ConfigKeys;
import io.squall.task.TopologyContext;

import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * The watermarks of one bolt task: combines its inputs' ({@link InputWatermarks}), lets the bolt act on the
 * combined watermark, and forwards to every downstream task the watermark the bolt returns (a plain bolt
 * returns the one it got, so watermarks pass through it without user code). While every input is idle it
 * tells the downstream tasks it is idle too. Owned by the bolt task's thread.
 */
public final class BoltWatermarks {
    private final int taskId;
    private final InputWatermarks inputs;
    private final int[] targets;
    private final SourceWatermarks.Sender sender;
    private long acted = Watermark.NONE;
    private long forwarded = Watermark.NONE;
    private boolean idleSent;
    private boolean sendsWatermarks;

    /**
     * @param targets every downstream task
     */
    public BoltWatermarks(int taskId, InputWatermarks inputs, int[] targets, SourceWatermarks.Sender sender) {
        this.taskId = taskId;
        this.inputs = inputs;
        this.targets = targets.clone();
        this.sender = sender;
    }

    /**
     * The watermarks of a bolt task, or null if none of its inputs carries event time.
     *
     * @param conf the component's configuration (its idle timeout)
     */
    public static BoltWatermarks open(TopologyContext task, Map<String, Object> conf, long nowMs,
                                      SourceWatermarks.Sender sender) {
        EventTimeGraph graph = new EventTimeGraph(task);
        String id = task.getThisComponentId();
        int[] in = graph.inputTasks(id);
        if (in.length == 0 && graph.carriesEventTime(id)) {
            in = graph.allInputTasks(id); // A window by event time that derives its inputs' watermarks from tuples.
        }
        if (in.length == 0) {
            return null;
        }
        long idle = longValue(conf.get(ConfigKeys.TOPOLOGY_WATERMARK_IDLE_TIMEOUT_MS.name()));
        BoltWatermarks b = new BoltWatermarks(task.getThisTaskId(), new InputWatermarks(in, idle, nowMs),
                graph.outputTasks(id), sender);
        b.sendsWatermarks = graph.hasEventTimeInputs(id);
        return b;
    }

    static long longValue(Object v) {
        return v instanceof Number n ? n.longValue() : 0;
    }

    /** A tuple arrived from {@code sourceTask}. */
    public void onTuple(int sourceTask) {
        inputs.onTuple(sourceTask);
    }

    /** A watermark arrived. */
    public void onWatermark(Watermark w, long nowMs) {
        inputs.onWatermark(w, nowMs);
    }

    /** Whether the inputs send watermarks themselves (else the bolt derives them, see {@link #observe}). */
    public boolean inputsSendWatermarks() {
        return sendsWatermarks;
    }

    /** The combined watermark of the inputs the bolt last acted on. */
    public long watermark() {
        return acted;
    }

    /** A watermark a bolt derived from a tuple of {@code sourceTask} (see {@link InputWatermarks#observe}). */
    public void observe(int sourceTask, long watermark) {
        inputs.observe(sourceTask, watermark);
    }

    /**
     * Lets the bolt act on the combined watermark if it advanced, and forwards the bolt's own watermark if
     * that advanced.
     *
     * @param bolt   told the new input watermark
     * @param output the bolt's own watermark (at most the one it was told)
     * @return whether anything happened
     */
    public boolean onTime(long nowMs, LongConsumer bolt, LongSupplier output) {
        long w = inputs.current(nowMs);
        boolean work = false;
        if (w > acted) {
            acted = w;
            bolt.accept(w);
            work = true;
        }
        long out = output.getAsLong();
        if (out > forwarded) {
            forwarded = out;
            idleSent = false;
            broadcast(Watermark.of(taskId, out));
            work = true;
        }
        if (targets.length > 0 && inputs.allIdle(nowMs) != idleSent) {
            idleSent = !idleSent;
            if (idleSent) {
                broadcast(Watermark.idle(taskId));
            } else if (forwarded != Watermark.NONE) {
                broadcast(Watermark.of(taskId, forwarded)); // Active again: rejoin downstream.
            }
            work = true;
        }
        return work;
    }

    private void broadcast(Watermark w) {
        for (int t : targets) {
            sender.send(t, w);
        }
    }
}
