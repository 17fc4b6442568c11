package io.squall.topology;

import java.io.Serializable;
import java.util.Objects;

/** The range of task ids an executor runs, with Storm's getters. */
public class ExecutorInfo implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int taskStart;
    private final int taskEnd;

    public ExecutorInfo(int taskStart, int taskEnd) {
        this.taskStart = taskStart;
        this.taskEnd = taskEnd;
    }

    public int get_task_start() {
        return taskStart;
    }

    public int get_task_end() {
        return taskEnd;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExecutorInfo e && e.taskStart == taskStart && e.taskEnd == taskEnd;
    }

    @Override
    public int hashCode() {
        return Objects.hash(taskStart, taskEnd);
    }

    @Override
    public String toString() {
        return "[" + taskStart + "-" + taskEnd + "]";
    }
}
