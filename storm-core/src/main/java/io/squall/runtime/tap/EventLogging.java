package io.squall.runtime.tap;

import io.squall.Config;
import io.squall.metric.FileBasedEventLogger;
import io.squall.metric.IEventLogger;
import io.squall.task.TopologyContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A worker's event logging (Storm's topology event inspector): while a topology or some of its components are
 * debugged, their executors sample what they emit at the percentage asked ({@link EventSampler}, set through
 * {@link StreamTaps#sampleEvents}), and a thread of this worker hands the sampled tuples to the topology's event
 * loggers every {@link #DRAIN_MILLIS} ms: those of {@code topology.event.logger.register}, or a
 * {@link FileBasedEventLogger}. Storm needs {@code topology.eventlogger.executors} above 0 for it; Squall samples in
 * the executors and needs no executors of its own, so it logs unless that key is set to 0. The loggers are made when
 * debugging first starts; one that cannot be made or prepared is logged, not thrown, and the worker goes on.
 * Thread-safe.
 */
public final class EventLogging implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventLogging.class);
    /** How often sampled tuples go to the loggers. */
    static final long DRAIN_MILLIS = 200;

    private final StreamTaps taps;
    private final Map<String, Object> conf;
    private final Supplier<TopologyContext> context;
    private final ClassLoader loader;
    private final boolean enabled;
    /** What is debugged, as set in this worker (by {@link #debug} in local mode). */
    private DebugState state = DebugState.NONE;
    /** The percentage sampled, by component ({@code ""}: the whole topology; 0: stopped), as last applied. */
    private Map<String, Double> debugged = Map.of();
    private List<IEventLogger> loggers;
    private ScheduledExecutorService drainer;
    private boolean warned;

    /**
     * @param context a context of this worker for the loggers' {@code prepare}, made when debugging first starts
     */
    public EventLogging(StreamTaps taps, Map<String, Object> conf, Supplier<TopologyContext> context,
                        ClassLoader loader) {
        this.taps = taps;
        this.conf = conf;
        this.context = context;
        this.loader = loader;
        Object executors = conf.get(Config.TOPOLOGY_EVENTLOGGER_EXECUTORS);
        this.enabled = !(executors instanceof Number n && n.intValue() == 0);
    }

    /**
     * Starts or stops debugging a component ({@code null} or empty: the whole topology) at {@code percent}, as
     * Storm's {@code Nimbus.Iface.debug}; a component's own setting counts over the topology's ({@link DebugState}).
     *
     * @throws IllegalArgumentException for a percentage not in (0, 100] when enabling
     */
    public synchronized void debug(String component, boolean enable, double percent) {
        state = state.with(component, enable, percent);
        apply(state.percents());
    }

    /** What was set by {@link #debug}. */
    public synchronized DebugState state() {
        return state;
    }

    /**
     * Debugs exactly the components of {@code percentByComponent} ({@link DebugState#percents()}); what a cluster
     * worker is told by Nimbus.
     */
    public synchronized void apply(Map<String, Double> percentByComponent) {
        if (percentByComponent.equals(debugged)) {
            return;
        }
        if (!enabled) {
            if (!warned && percentByComponent.values().stream().anyMatch(p -> p > 0)) {
                warned = true;
                LOG.warn("Debugging asked, but this topology sets {} to 0: no tuple is sampled",
                        Config.TOPOLOGY_EVENTLOGGER_EXECUTORS);
            }
            debugged = Map.copyOf(percentByComponent);
            return;
        }
        if (loggers == null && percentByComponent.values().stream().anyMatch(p -> p > 0)) {
            loggers = makeLoggers();
            drainer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "event-logging");
                t.setDaemon(true);
                return t;
            });
            drainer.scheduleWithFixedDelay(this::drain, DRAIN_MILLIS, DRAIN_MILLIS, TimeUnit.MILLISECONDS);
        }
        drain();                                // what the samplers that stop now hold
        debugged = Map.copyOf(percentByComponent);
        taps.sampleEvents(debugged);
        LOG.info("Debugging {} (percent by component, \"\": the topology)", debugged);
    }

    /** Hands every sampled tuple to the loggers. */
    synchronized void drain() {
        if (loggers == null) {
            return;
        }
        for (EventSampler s : taps.eventSamplers()) {
            for (IEventLogger.EventInfo e : s.drain()) {
                for (IEventLogger l : loggers) {
                    try {
                        l.log(e);
                    } catch (RuntimeException ex) {
                        LOG.warn("Event logger {} failed: {}", l.getClass().getName(), ex.toString());
                    }
                }
            }
        }
        for (IEventLogger l : loggers) {
            if (l instanceof FileBasedEventLogger f) {
                f.flush();
            }
        }
    }

    /** The loggers of {@code topology.event.logger.register} (a {@link FileBasedEventLogger} if none), prepared. */
    private List<IEventLogger> makeLoggers() {
        List<IEventLogger> out = new ArrayList<>();
        Object registered = conf.get(Config.TOPOLOGY_EVENT_LOGGER_REGISTER);
        List<?> entries = registered instanceof List<?> l && !l.isEmpty() ? l
                : List.of(Map.of("class", FileBasedEventLogger.class.getName()));
        TopologyContext ctx = context.get();
        for (Object entry : entries) {
            String className = entry instanceof Map<?, ?> m ? String.valueOf(m.get("class")) : String.valueOf(entry);
            try {
                IEventLogger logger = (IEventLogger) Class.forName(className, true, loader).getDeclaredConstructor()
                        .newInstance();
                Map<String, Object> arguments = new LinkedHashMap<>();
                if (entry instanceof Map<?, ?> m && m.get("arguments") instanceof Map<?, ?> args) {
                    args.forEach((k, v) -> arguments.put(String.valueOf(k), v));
                }
                logger.prepare(conf, arguments, ctx);
                out.add(logger);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                LOG.error("Cannot make event logger '{}' of {}: give a class implementing IEventLogger with a "
                        + "public no-argument constructor ({}); its events are not logged", className,
                        Config.TOPOLOGY_EVENT_LOGGER_REGISTER, e.toString());
            }
        }
        return out;
    }

    /** Stops debugging, hands over what was sampled and closes the loggers. */
    @Override
    public synchronized void close() {
        if (drainer != null) {
            drainer.shutdownNow();
        }
        drain();
        if (loggers != null) {
            for (IEventLogger l : loggers) {
                try {
                    l.close();
                } catch (RuntimeException e) {
                    LOG.warn("Closing event logger {} failed: {}", l.getClass().getName(), e.toString());
                }
            }
            loggers = null;
        }
    }
}
