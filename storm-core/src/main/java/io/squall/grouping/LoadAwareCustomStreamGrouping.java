package io.squall.grouping;

/**
 * A custom grouping that is told the load of the tasks it chooses among (Storm's
 * {@code LoadAwareCustomStreamGrouping}): {@link #refreshLoad} is called once before the first choice and then about
 * once a second while the emitting task emits on the stream. Squall calls it on the emitting executor's thread,
 * between two {@code chooseTasks}; Storm calls it from a timer thread, so a grouping written for Storm works here as
 * it is.
 */
public interface LoadAwareCustomStreamGrouping extends CustomStreamGrouping {
    /** The targets' current loads. */
    void refreshLoad(LoadMapping loadMapping);
}
