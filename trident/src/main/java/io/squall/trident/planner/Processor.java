package io.squall.trident.planner;

import io.squall.trident.tuple.TridentTupleView;
import io.squall.tuple.Fields;

import java.util.ArrayList;
import java.util.List;

/**
 * One operation of a stream at run time, inside a task: per batch {@link #startBatch}, {@link #execute} for
 * each input tuple, {@link #finishBatch}. Processors of a task run in creation order, which is a topological
 * order, so a processor's parents have emitted everything before its {@code finishBatch}. Confined to the task
 * thread.
 */
abstract class Processor {
    final Fields outFields;
    final List<Downstream> downstream = new ArrayList<>();
    /** Where a window sends its late tuples, when it routes them. */
    final List<Downstream> lateDownstream = new ArrayList<>();
    ProcessorContext ctx;
    /**
     * Whether nothing downstream keeps an output tuple past its {@code accept} call (set by the task when it wires
     * the processors): then {@link #emit(List, List)} refills one tuple instead of making one per emit.
     */
    boolean reuseOutput;
    private Object[] scratch;
    private TridentTupleView scratchTuple;

    Processor(Fields outFields) {
        this.outFields = outFields;
    }

    void prepare(ProcessorContext context) {
        this.ctx = context;
    }

    void startBatch() {
    }

    /** One tuple from input {@code input} (0 unless the processor joins several). */
    abstract void execute(int input, TridentTupleView tuple);

    void finishBatch() {
    }

    void cleanup() {
    }

    /**
     * Whether this processor may keep an input tuple (or its values list) past the {@code execute} call that
     * got it, or hand it to user code that may. Only a processor that surely does not says false.
     */
    boolean keepsInput() {
        return true;
    }

    /**
     * The watermark this operation's output carries after the batch whose input watermark was {@code input}
     * ({@link BatchWatermarks}): the input's, unless the operation holds tuples by event time.
     */
    long outputWatermark(long input) {
        return input;
    }

    /** Emits a tuple of this processor's output fields. */
    final void emit(List<Object> values) {
        if (!downstream.isEmpty()) {
            forward(new TridentTupleView(outFields, values));
        }
    }

    /**
     * Emits {@code prefix}'s values followed by {@code values} (copied, so the caller may reuse either list), as
     * one tuple of this processor's output fields.
     */
    final void emit(List<Object> prefix, List<Object> values) {
        if (downstream.isEmpty()) {
            return;
        }
        if (!reuseOutput) {
            forward(TridentTupleView.of(outFields, prefix, values));
            return;
        }
        if (scratch == null) {
            scratch = new Object[outFields.size()];
            scratchTuple = TridentTupleView.over(outFields, scratch);
        }
        int p = prefix.size();
        if (p + values.size() != scratch.length) {
            throw new IllegalArgumentException("Tuple of fields " + outFields + " got " + (p + values.size())
                    + " values " + prefix + " + " + values);
        }
        TridentTupleView.copy(prefix, scratch, 0);
        TridentTupleView.copy(values, scratch, p);
        forward(scratchTuple);
    }

    /** Passes on a tuple that already has this processor's output fields. */
    final void forward(TridentTupleView tuple) {
        for (int i = 0; i < downstream.size(); i++) { // Indexed: this runs for every tuple.
            downstream.get(i).accept(tuple);
        }
    }

    /** {@code a} followed by {@code b}, in a new list (added one by one: addAll would copy each list first). */
    static List<Object> concat(List<Object> a, List<Object> b) {
        List<Object> ret = new ArrayList<>(a.size() + b.size());
        for (int i = 0; i < a.size(); i++) {
            ret.add(a.get(i));
        }
        for (int i = 0; i < b.size(); i++) {
            ret.add(b.get(i));
        }
        return ret;
    }
}
