package io.squall.trident;

import io.squall.topology.StormTopology;
import io.squall.trident.planner.Graph;
import io.squall.trident.spout.IBatchSpout;
import io.squall.trident.spout.IOpaquePartitionedTridentSpout;
import io.squall.trident.spout.IPartitionedTridentSpout;
import io.squall.trident.spout.ITridentDataSource;
import io.squall.trident.spout.ITridentSpout;
import io.squall.tuple.Fields;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A topology of micro-batch streams with exactly-once state updates, in Storm's shape. Create streams with
 * {@link #newStream}, transform them, persist them into states, then {@link #build} an ordinary
 * {@link StormTopology} to submit to {@code LocalCluster} or a cluster. Built on one thread.
 *
 * <pre>{@code
 * TridentTopology topology = new TridentTopology();
 * TridentState counts = topology.newStream("sentences", spout)
 *         .each(new Fields("sentence"), new Split(), new Fields("word"))
 *         .groupBy(new Fields("word"))
 *         .persistentAggregate(new MemoryMapState.Factory(), new Count(), new Fields("count"));
 * cluster.submitTopology("word-count", conf, topology.build());
 * }</pre>
 */
public class TridentTopology {
    private final Graph graph = new Graph();

    /**
     * A stream of batches from a non-transactional spout.
     *
     * @param txId the stream's transactional id: its coordinator state (committed txid) is kept under it, so keep
     *             it stable across restarts and unique per topology
     */
    public Stream newStream(String txId, IBatchSpout spout) {
        return new Stream(this, graph.spout(txId, spout));
    }

    /** A stream of batches from a transactional spout: a txid always replays the same batch. */
    public Stream newStream(String txId, IPartitionedTridentSpout<?, ?, ?> spout) {
        return new Stream(this, graph.spout(txId, spout));
    }

    /** A stream of batches from an opaque transactional spout. */
    public Stream newStream(String txId, IOpaquePartitionedTridentSpout<?, ?, ?> spout) {
        return new Stream(this, graph.spout(txId, spout));
    }

    /** A stream of batches from a spout with its own batch coordinator. */
    public Stream newStream(String txId, ITridentSpout<?> spout) {
        return new Stream(this, graph.spout(txId, spout));
    }

    /**
     * A stream of batches from any Trident data source ({@link IBatchSpout}, {@link ITridentSpout},
     * {@link IPartitionedTridentSpout} or {@link IOpaquePartitionedTridentSpout}).
     */
    public Stream newStream(String txId, ITridentDataSource dataSource) {
        return new Stream(this, graph.spout(txId, dataSource));
    }

    /** The union of the streams, batch by batch, under the first stream's field names. */
    public Stream merge(Stream... streams) {
        return merge(streams[0].getOutputFields(), Arrays.asList(streams));
    }

    /** The union of the streams, batch by batch, under {@code outputFields} (values are taken by position). */
    public Stream merge(Fields outputFields, List<Stream> streams) {
        List<Graph.Node> nodes = new ArrayList<>();
        for (Stream s : streams) {
            nodes.add(s.node);
        }
        return new Stream(this, graph.merge(nodes, outputFields));
    }

    /**
     * The inner join of two streams within each batch: tuples of the same batch with equal join values pair up.
     * The output has the join fields, then the other fields of {@code s1}, then those of {@code s2}.
     */
    public Stream join(Stream s1, Fields joinFields1, Stream s2, Fields joinFields2, Fields outFields) {
        return new Stream(this, graph.join(s1.node, joinFields1, s2.node, joinFields2, outFields));
    }

    /**
     * Compiles the streams into a topology: a coordinator spout and one bolt per part of a stream between
     * repartitionings. Logs a warning (see {@link #getGuaranteeWarnings}) for every state fed by a spout that
     * cannot give it exactly-once.
     *
     * @throws io.squall.topology.InvalidTopologyException naming what cannot run
     */
    public StormTopology build() {
        return graph.build();
    }

    /** The spout and state guarantee mismatches the last {@link #build} found, each saying what you get. */
    public List<String> getGuaranteeWarnings() {
        return graph.warnings();
    }

    Graph graph() {
        return graph;
    }
}
