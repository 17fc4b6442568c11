package io.squall.metric;

import io.squall.task.TopologyContext;

import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Where a worker writes the tuples sampled while a topology or component is debugged (Storm's event logging: the
 * UI's "Debug" action, {@code Nimbus.Iface.debug}). Register one with {@code Config.registerEventLogger}; without
 * any, {@link FileBasedEventLogger} writes them beside the worker's log. Each worker makes its own instances and
 * calls them from one thread of its own.
 */
public interface IEventLogger {
    /**
     * Called once, before the first event.
     *
     * @param conf      the topology's configuration
     * @param arguments the arguments registered with the logger, or an empty map
     * @param context   a context of the worker (its topology id, port and tasks)
     */
    void prepare(Map<String, Object> conf, Map<String, Object> arguments, TopologyContext context);

    /** Logs one sampled tuple. */
    void log(EventInfo e);

    /** Called once, when the worker stops. */
    void close();

    /** One sampled tuple: when it was emitted, by which component and task, its message id if any, its values. */
    class EventInfo {
        private final long ts;
        private final String component;
        private final int task;
        private final Object messageId;
        private final List<Object> values;

        public EventInfo(long ts, String component, int task, Object messageId, List<Object> values) {
            this.ts = ts;
            this.component = component;
            this.task = task;
            this.messageId = messageId;
            this.values = values;
        }

        public long getTs() {
            return ts;
        }

        public String getComponent() {
            return component;
        }

        public int getTask() {
            return task;
        }

        public Object getMessageId() {
            return messageId;
        }

        public List<Object> getValues() {
            return values;
        }

        /** Storm's line: the time, component, task, message id (empty if none) and values, comma-separated. */
        @Override
        public String toString() {
            return new Date(ts) + "," + component + "," + task + "," + (messageId == null ? "" : messageId) + ","
                    + values;
        }
    }
}
