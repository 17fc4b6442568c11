package io.squall.runtime.api;

/**
 * An error a task reported or threw.
 *
 * @param componentId the component of the task
 * @param taskId      the task, or -1 for an error of the executor as a whole
 * @param timeMillis  when, by the topology's clock (epoch milliseconds)
 * @param message     the error's {@code toString()}
 * @param stackTrace  its stack trace
 */
public record ReportedError(String componentId, int taskId, long timeMillis, String message, String stackTrace) { }
