package io.squall.cluster;

/**
 * An error a task reported, as kept in {@code /errors/<topologyId>/<component>} (the last few per component).
 *
 * @param worker  the worker ({@code host:port}) the task ran in
 */
public record TaskError(int task, long timeMs, String message, String worker) { }
