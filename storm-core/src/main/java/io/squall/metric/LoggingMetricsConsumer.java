package io.squall.metric;

import io.squall.metric.api.IMetricsConsumer;
import io.squall.task.IErrorReporter;
import io.squall.task.TopologyContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Map;

/**
 * Logs every data point, one line each: time, worker, task and component, metric name and value. It logs
 * to the logger {@code io.squall.metric.LoggingMetricsConsumer}; route that logger to a file of its own
 * in the logging configuration to get Storm's {@code metrics.log}. Register it with
 * {@code conf.registerMetricsConsumer(LoggingMetricsConsumer.class)}.
 */
public class LoggingMetricsConsumer implements IMetricsConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(LoggingMetricsConsumer.class);

    @Override
    public void prepare(Map<String, Object> topoConf, Object registrationArgument, TopologyContext context,
                        IErrorReporter errorReporter) {
    }

    @Override
    public void handleDataPoints(TaskInfo taskInfo, Collection<DataPoint> dataPoints) {
        for (DataPoint p : dataPoints) {
            LOG.info("{}\t{}:{}\t{}:{}\t{}\t{}", taskInfo.timestamp, taskInfo.srcWorkerHost, taskInfo.srcWorkerPort,
                    taskInfo.srcTaskId, taskInfo.srcComponentId, p.name, p.value);
        }
    }

    @Override
    public void cleanup() {
    }
}
