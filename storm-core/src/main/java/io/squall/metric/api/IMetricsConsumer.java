package io.squall.metric.api;

import io.squall.task.IErrorReporter;
import io.squall.task.TopologyContext;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * Receives the v1 metrics of a topology's tasks, registered with {@code Config.registerMetricsConsumer}.
 * In Squall each worker runs its own instance of each registered consumer, on the worker's metrics thread,
 * and hands it the data points of that worker's tasks.
 */
public interface IMetricsConsumer {
    /** Called once before the first data points. */
    void prepare(Map<String, Object> topoConf, Object registrationArgument, TopologyContext context,
                 IErrorReporter errorReporter);

    /** The values one task's metrics had in one bucket. */
    void handleDataPoints(TaskInfo taskInfo, Collection<DataPoint> dataPoints);

    /** Called when the worker stops. */
    void cleanup();

    /**
     * Where and when data points were taken. Serializable, so that a consumer can send it on with the topology's
     * Kryo (which falls back on Java serialization; Storm registers the class with Kryo instead).
     */
    class TaskInfo implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        public String srcWorkerHost;
        public int srcWorkerPort;
        public String srcComponentId;
        public int srcTaskId;
        public long timestamp;
        public int updateIntervalSecs;

        public TaskInfo() {
        }

        public TaskInfo(String srcWorkerHost, int srcWorkerPort, String srcComponentId, int srcTaskId, long timestamp,
                        int updateIntervalSecs) {
            this.srcWorkerHost = srcWorkerHost;
            this.srcWorkerPort = srcWorkerPort;
            this.srcComponentId = srcComponentId;
            this.srcTaskId = srcTaskId;
            this.timestamp = timestamp;
            this.updateIntervalSecs = updateIntervalSecs;
        }

        @Override
        public String toString() {
            return "TASK_INFO: { host: " + srcWorkerHost + ":" + srcWorkerPort + " comp: " + srcComponentId
                    + "[" + srcTaskId + "]}";
        }
    }

    /** One metric's value; serializable as {@link TaskInfo} is, when its value is. */
    class DataPoint implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        public String name;
        public Object value;
        /** The metric's {@link IMetric#getDimensions()}, empty for most metrics. */
        public Map<String, String> dimensions;

        public DataPoint() {
        }

        /** A data point without dimensions. */
        public DataPoint(String name, Object value) {
            this(name, value, Map.of());
        }

        /** A data point with its metric's dimensions. */
        public DataPoint(String name, Object value, Map<String, String> dimensions) {
            this.name = name;
            this.value = value;
            this.dimensions = dimensions;
        }

        @Override
        public String toString() {
            return "[" + name + " = " + value + (dimensions == null || dimensions.isEmpty() ? "" : ", " + dimensions)
                    + "]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof DataPoint p && Objects.equals(p.name, name) && Objects.deepEquals(p.value, value)
                    && Objects.equals(p.dimensions, dimensions);
        }

        /** Deep over an array value, as {@link #equals} compares it. */
        @Override
        public int hashCode() {
            return Arrays.deepHashCode(new Object[] {name, value, dimensions});
        }
    }
}
