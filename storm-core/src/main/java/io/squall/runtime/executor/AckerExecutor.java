package io.squall.runtime.executor;

import io.squall.config.TopologySettings;
import io.squall.runtime.acker.AckBatch;
import io.squall.runtime.acker.AckMessage;
import io.squall.runtime.acker.RotatingIndex;
import io.squall.runtime.queue.ReceiveQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;

/**
 * Tracks tuple trees by XOR. For each root id it keeps the XOR of the edge ids it has been told about;
 * every edge is XORed in twice (when created, when acked), so the XOR is zero exactly when the tree is
 * complete, whatever order the messages arrive in. Entries that never complete are dropped by rotation
 * after the message timeout (the spout times them out on its own). Executor thread only.
 */
public final class AckerExecutor extends Executor {
    private static final Logger LOG = LoggerFactory.getLogger(AckerExecutor.class);
    private static final int TIMEOUT_BUCKETS = 4;

    private final RotatingIndex trees = new RotatingIndex(TIMEOUT_BUCKETS);
    private final long rotateEveryNanos;
    private long nextRotateNanos;
    /** The drain callback, made once rather than per round. */
    private final ReceiveQueue.Consumer onMessage = this::onMessage;

    // One tree's state, in columns indexed by its slot in the index of trees: no object per tree.
    /** The XOR of the edge ids reported so far. */
    private long[] xor = new long[0];
    /** The spout task, or -1 until the spout's init arrived. */
    private int[] spoutTask = new int[0];
    /** Whether a bolt failed a tuple of the tree. */
    private boolean[] failed = new boolean[0];
    /** The task that failed it, or -1. */
    private int[] failingTask = new int[0];

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
        int work = queue.drain(onMessage);
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
        if (message instanceof AckBatch b) {
            for (int i = 0; i < b.size(); i++) {
                on(b.kind(i), b.root(i), b.xor(i), b.task(i));
            }
            b.recycle();
        } else if (message instanceof AckMessage.Init m) {
            on(AckBatch.INIT, m.root(), m.xor(), m.spoutTask());
        } else if (message instanceof AckMessage.Update m) {
            on(AckBatch.UPDATE, m.root(), m.xor(), -1);
        } else if (message instanceof AckMessage.Fail m) {
            on(AckBatch.FAIL, m.root(), 0, m.failingTask());
        } else if (message instanceof AckMessage.ResetTimeout m) {
            on(AckBatch.RESET, m.root(), 0, -1);
        } else {
            LOG.warn("Acker {} ignores unexpected message {}", name, message);
        }
    }

    /** One acker message (see {@link AckBatch#add}), from a batch or a single message of another worker. */
    private void on(byte kind, long root, long xorValue, int task) {
        int slot = trees.find(root);
        if (kind == AckBatch.RESET) {
            if (slot >= 0) {
                trees.touch(root);
                if (spoutTask[slot] >= 0) {
                    transfer.sendAck(spoutTask[slot], AckBatch.RESET, root, 0, -1);
                }
            }
            return;
        }
        if (kind != AckBatch.INIT && kind != AckBatch.UPDATE && kind != AckBatch.FAIL) {
            LOG.warn("Acker {} ignores unexpected message kind {} for tree {}", name, kind, root);
            return;
        }
        if (slot < 0) {
            slot = newTree(root);
        }
        if (kind == AckBatch.INIT) {
            xor[slot] ^= xorValue;
            spoutTask[slot] = task;
        } else if (kind == AckBatch.UPDATE) {
            xor[slot] ^= xorValue;
        } else {
            failed[slot] = true;
            failingTask[slot] = task;
        }
        int spout = spoutTask[slot];
        if (spout < 0) {
            return; // The spout's init has not arrived yet: the tree cannot be judged.
        }
        if (failed[slot]) {
            int by = failingTask[slot];
            trees.remove(root);
            transfer.sendAck(spout, AckBatch.FAILED, root, 0, by);
        } else if (xor[slot] == 0) {
            trees.remove(root);
            transfer.sendAck(spout, AckBatch.ACKED, root, 0, -1);
        }
    }

    private int newTree(long root) {
        int slot = trees.putNew(root);
        if (slot >= xor.length) {
            int n = trees.slotCapacity();
            xor = Arrays.copyOf(xor, n);
            spoutTask = Arrays.copyOf(spoutTask, n);
            failed = Arrays.copyOf(failed, n);
            failingTask = Arrays.copyOf(failingTask, n);
        }
        xor[slot] = 0;
        spoutTask[slot] = -1;
        failed[slot] = false;
        failingTask[slot] = -1;
        return slot;
    }

    @Override
    protected void closeTasks() {
    }
}
