package io.squall.topology;

import java.io.Serializable;
import java.util.Map;

/** A bolt executor's acks, fails, executions and latencies, by window and input stream, with Storm's getters. */
public class BoltStats implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The input key under which Squall reports totals over all inputs. */
    public static final GlobalStreamId ALL_INPUTS = new GlobalStreamId(ExecutorStats.ALL_STREAMS, ExecutorStats.ALL_STREAMS);

    private final Map<String, Map<GlobalStreamId, Long>> acked;
    private final Map<String, Map<GlobalStreamId, Long>> failed;
    private final Map<String, Map<GlobalStreamId, Double>> processMsAvg;
    private final Map<String, Map<GlobalStreamId, Long>> executed;
    private final Map<String, Map<GlobalStreamId, Double>> executeMsAvg;

    public BoltStats(Map<String, Map<GlobalStreamId, Long>> acked, Map<String, Map<GlobalStreamId, Long>> failed,
                     Map<String, Map<GlobalStreamId, Double>> processMsAvg,
                     Map<String, Map<GlobalStreamId, Long>> executed,
                     Map<String, Map<GlobalStreamId, Double>> executeMsAvg) {
        this.acked = acked;
        this.failed = failed;
        this.processMsAvg = processMsAvg;
        this.executed = executed;
        this.executeMsAvg = executeMsAvg;
    }

    public Map<String, Map<GlobalStreamId, Long>> get_acked() {
        return acked;
    }

    public Map<String, Map<GlobalStreamId, Long>> get_failed() {
        return failed;
    }

    public Map<String, Map<GlobalStreamId, Double>> get_process_ms_avg() {
        return processMsAvg;
    }

    public Map<String, Map<GlobalStreamId, Long>> get_executed() {
        return executed;
    }

    public Map<String, Map<GlobalStreamId, Double>> get_execute_ms_avg() {
        return executeMsAvg;
    }
}
