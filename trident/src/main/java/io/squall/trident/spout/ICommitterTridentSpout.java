package io.squall.trident.spout;

import io.squall.task.TopologyContext;
import io.squall.trident.topology.TransactionAttempt;

import java.util.Map;

/**
 * An {@link ITridentSpout} whose emitters also take part in each batch's commit: once every part of the topology
 * has processed a batch and the coordinator commits it, each emitter task's {@link Emitter#commit} is called with
 * the attempt it emitted that batch in, one txid after the other in txid order, before
 * {@link ITridentSpout.Emitter#success}. That is where a spout acknowledges what it read to the system it reads from
 * (a queue's acks, a consumer's committed offsets), knowing the batch reached its states.
 *
 * <p>The call is part of the commit: if it throws, the commit fails and the coordinator retries it (and the states'
 * commit with it), so {@code commit} may be called again for a txid whose earlier commit failed, and should be
 * idempotent. In a part that also updates state (a state persisted straight after the spout, with no repartitioning
 * in between), the states of the part commit the batch first and the emitter after them.
 *
 * @param <X> the metadata of a batch, as in {@link ITridentSpout}
 */
@SuppressWarnings("unchecked") // the raw emitter overrides ITridentSpout's typed one
public interface ICommitterTridentSpout<X> extends ITridentSpout<X> {
    /**
     * The emitter of one spout task. Its type is raw, as in Storm, so a Storm spout's {@code getEmitter} compiles
     * unchanged (with the compiler's unchecked warning on the override, as in Storm).
     */
    @Override
    @SuppressWarnings("rawtypes")
    Emitter getEmitter(String txStateId, Map<String, Object> conf, TopologyContext context);

    /** An emitter that is told when its batches commit. Confined to its task's thread, like every emitter. */
    @SuppressWarnings("rawtypes")
    interface Emitter extends ITridentSpout.Emitter {
        /**
         * The batch this task emitted as {@code attempt} is being committed: called in txid order, once per commit of
         * the batch (again only if a commit fails and is retried).
         *
         * @throws RuntimeException to fail the commit; the coordinator then retries it
         */
        void commit(TransactionAttempt attempt);
    }
}
