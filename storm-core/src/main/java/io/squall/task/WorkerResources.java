package io.squall.task;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the contexts of one worker share: the worker-level data its hooks set ({@link WorkerUserContext#setResource})
 * for its tasks to read ({@link WorkerTopologyContext#getResource}), and the thread pool of
 * {@link WorkerTopologyContext#getSharedExecutor}. Thread-safe.
 */
final class WorkerResources {
    private final Map<String, Object> user = new ConcurrentHashMap<>();
    private final String workerName;
    private ExecutorService executor;

    /** Resources for the worker named {@code workerName} (its threads' names), with a thread pool made when asked. */
    WorkerResources(String workerName) {
        this.workerName = workerName;
    }

    Object get(String name) {
        return user.get(name);
    }

    void set(String name, Object data) {
        if (name == null) {
            throw new IllegalArgumentException("a worker resource needs a name");
        }
        if (data == null) {
            user.remove(name); // A ConcurrentHashMap holds no null: setting null forgets the name.
        } else {
            user.put(name, data);
        }
    }

    /** The worker's shared pool: a cached pool of daemon threads, made on first use. */
    synchronized ExecutorService executor() {
        if (executor == null) {
            AtomicInteger n = new AtomicInteger();
            executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "worker-shared-" + workerName + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return executor;
    }
}
