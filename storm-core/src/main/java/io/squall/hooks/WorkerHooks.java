package io.squall.hooks;

import io.squall.task.WorkerTopologyContext;
import io.squall.task.WorkerUserContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.util.ArrayList;
import java.util.List;

/** A worker's copies of its topology's worker hooks: started with the worker, shut down with it. */
public final class WorkerHooks {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerHooks.class);
    private final List<IWorkerHook> hooks = new ArrayList<>();

    private WorkerHooks() {
    }

    /** Deserializes the topology's hooks with {@code loader} and starts each; one that fails is logged. */
    public static WorkerHooks start(WorkerTopologyContext context, ClassLoader loader) {
        WorkerHooks out = new WorkerHooks();
        for (byte[] bytes : context.getRawTopology().getWorkerHooks()) {
            try {
                IWorkerHook hook = (IWorkerHook) read(bytes, loader);
                hook.start(context.getTopologyConf(), new WorkerUserContext(context));
                out.hooks.add(hook);
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                LOG.error("A worker hook of {} could not start; the worker runs without it", context.getStormId(), e);
            }
        }
        return out;
    }

    private static Object read(byte[] bytes, ClassLoader loader) throws IOException, ClassNotFoundException {
        try (InputStream in = new ByteArrayInputStream(bytes);
             ObjectInputStream ois = new ObjectInputStream(in) {
                 @Override
                 protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                     try {
                         return Class.forName(desc.getName(), false, loader);
                     } catch (ClassNotFoundException e) {
                         return super.resolveClass(desc);
                     }
                 }
             }) {
            return ois.readObject();
        }
    }

    /** Shuts every started hook down; one that fails is logged. */
    public void shutdown() {
        for (IWorkerHook h : hooks) {
            try {
                h.shutdown();
            } catch (RuntimeException e) {
                LOG.warn("Worker hook {} failed to shut down", h.getClass().getName(), e);
            }
        }
        hooks.clear();
    }
}
