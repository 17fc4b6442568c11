package io.squall.runtime.executor;

import io.squall.config.TopologySettings;
import io.squall.runtime.acker.AckMessage;
import io.squall.runtime.acker.RotatingMap;
import io.squall.runtime.queue.ReceiveQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks tuple trees by XOR. For each root id it keeps the XOR of the edge ids it has been told about;
 * every edge is XORed in twice (when created, when acked), so the XOR is zero exactly when the tree is
 * complete, whatever order the messages arrive in. Entries that never complete are dropped by rotation
 * after the message timeout (the spout times them out on its own). Executor thread only.
 */
public final class AckerExecutor extends Executor {
    private static final Logger LOG = LoggerFactory.getLogger(AckerExecutor.class);
    private static final int TIMEOUT_BUCKETS = 4;

    private final RotatingMap<Entry> trees = new RotatingMap<>(TIMEOUT_BUCKETS);
    private final long rotateEveryNanos;
    private long nextRotateNanos;

    /** One tree's state. */
    private static final class Entry {
        long xor;
        int spoutTask = -1;
        boolean failed;
        int failingTask = -1;
    }

    public AckerExecutor(String name, String componentId, int[] taskIds, ExecutorContext context, TopologySettings settings,
                         ReceiveQueue queue) {
        super(name, componentId, taskIds, context, settings, queue, ReceiveQueue.millis(10));
        this.rotateEveryNanos = ReceiveQueue.millis(settings.messageTimeoutSecs() * 1000L) / (TIMEOUT_BUCKETS - 1);
    }

    @Override
    protected void openTasks() {
        nextRotateNanos = clock.nanoTime() + rotateEveryNanos;
    }

    @Override
    public int doWork() throws Exception {
        int work = queue.drain(this::onMessage);
        long now = clock.nanoTime();
        if (now - nextRotateNanos >= 0) {
            nextRotateNanos = now + rotateEveryNanos;
            if (settings.timeoutsEnabled()) {
                trees.rotate(null);
            }
        }
        work += transfer.flush();
        return work;
    }

    private void onMessage(int taskId, Object message) {
        if (!(message instanceof AckMessage m)) {
            LOG.warn("Acker {} ignores unexpected message {}", name, message);
            return;
        }
        long root = m.root();
        if (m instanceof AckMessage.ResetTimeout) {
            Entry e = trees.get(root);
            if (e != null) {
                trees.touch(root);
                if (e.spoutTask >= 0) {
                    transfer.send(e.spoutTask, m);
                }
            }
            return;
        }
        Entry e = trees.get(root);
        if (e == null) {
            e = new Entry();
            trees.putNew(root, e);
        }
        if (m instanceof AckMessage.Init init) {
            e.xor ^= init.xor();
            e.spoutTask = init.spoutTask();
        } else if (m instanceof AckMessage.Update update) {
            e.xor ^= update.xor();
        } else if (m instanceof AckMessage.Fail fail) {
            e.failed = true;
            e.failingTask = fail.failingTask();
        }
        if (e.spoutTask < 0) {
            return; // The spout's init has not arrived yet: the tree cannot be judged.
        }
        if (e.failed) {
            trees.remove(root);
            transfer.send(e.spoutTask, new AckMessage.Result(root, true, e.failingTask));
        } else if (e.xor == 0) {
            trees.remove(root);
            transfer.send(e.spoutTask, new AckMessage.Result(root, false, -1));
        }
    }

    @Override
    protected void closeTasks() {
    }
}
