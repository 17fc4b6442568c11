package io.squall.cluster;

/**
 * A worker's heartbeat, in {@code /workerbeats/<topologyId>/<supervisorId>-<port>}.
 *
 * @param timeMs            when it was written
 * @param assignmentVersion the assignment the worker runs
 * @param pid               the worker's process id
 */
public record WorkerBeat(long timeMs, long assignmentVersion, long pid) { }
