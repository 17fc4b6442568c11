package io.squall;

import io.squall.hooks.SubmitterHookException;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.function.Supplier;

/** Calls the {@link ISubmitterHook} a submitted topology's configuration names, if any. */
final class SubmitterHooks {
    private static final Logger LOG = LoggerFactory.getLogger(SubmitterHooks.class);

    private SubmitterHooks() {
    }

    /**
     * Tells the configured hook of topology {@code name}, just submitted; {@code info} reads its information.
     *
     * @throws SubmitterHookException when the hook's class cannot be made or the hook fails, naming the class
     */
    static void notify(String name, Map<String, Object> conf, StormTopology topology, Supplier<TopologyInfo> info) {
        Object className = conf == null ? null : conf.get(Config.STORM_TOPOLOGY_SUBMISSION_NOTIFIER_PLUGIN);
        if (className == null) {
            return;
        }
        if (className.toString().isBlank()) {
            throw new SubmitterHookException(Config.STORM_TOPOLOGY_SUBMISSION_NOTIFIER_PLUGIN + " must name an "
                    + "ISubmitterHook class, not an empty string");
        }
        ISubmitterHook hook;
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class<?> k = Class.forName(className.toString(), true,
                    loader != null ? loader : SubmitterHooks.class.getClassLoader());
            hook = (ISubmitterHook) k.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            throw new SubmitterHookException("Topology '" + name + "' was submitted, but its submitter hook "
                    + className + " (" + Config.STORM_TOPOLOGY_SUBMISSION_NOTIFIER_PLUGIN + ") cannot be made: it "
                    + "must be a public ISubmitterHook class with a public no-argument constructor: " + e, e);
        }
        try {
            LOG.info("Telling submitter hook {} of topology {}", className, name);
            hook.notify(info.get(), conf, topology);
        } catch (Exception e) {
            throw new SubmitterHookException("Topology '" + name + "' was submitted, but its submitter hook "
                    + className + " failed: " + e, e);
        }
    }
}
