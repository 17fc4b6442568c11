package io.squall.drpc;

import io.squall.Config;
import io.squall.ILocalDRPC;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseRichSpout;
import io.squall.topology.DRPCRequest;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import io.squall.utils.DRPCClient;
import io.squall.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Takes the requests of one DRPC function and emits each as {@code [args, return-info]}, the tuple tree tracked
 * under the request: if the tree fails, the request fails at once ({@code DRPCExecutionException} for its
 * client); the result goes back through {@link ReturnResults}. Local with a {@code LocalDRPC}; otherwise it asks
 * every server in {@value #SERVERS} on port {@value #PORT} in turn.
 *
 * <p>One round trip takes up to {@value #FETCH_MAX} waiting requests (default {@value #DEFAULT_FETCH_MAX}, fewer
 * when {@code topology.max.spout.pending} leaves less room); they are emitted one per {@code nextTuple}. When the
 * servers have nothing, the fetch is a long poll: the server answers as soon as a request comes, or after
 * {@value #FETCH_WAIT_MS} (default {@value #DEFAULT_FETCH_WAIT_MS} ms, shared among the servers), so an idle spout
 * neither polls in a loop nor picks up a new request late. On simulated time it does not wait. Requests fetched
 * but not yet emitted when the spout closes are failed, so their clients hear at once.
 */
public class DRPCSpout extends BaseRichSpout {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DRPCSpout.class);

    /** The DRPC servers' host names (a list). */
    public static final String SERVERS = "drpc.servers";
    /** The DRPC servers' HTTP port. */
    public static final String PORT = "drpc.http.port";
    /** Default of {@link #PORT}. */
    public static final int DEFAULT_PORT = 3774;
    /** The most requests one fetch takes from a server. */
    public static final String FETCH_MAX = "drpc.spout.fetch.max";
    /** Default of {@link #FETCH_MAX}. */
    public static final int DEFAULT_FETCH_MAX = 100;
    /** How long a fetch from idle servers waits for a request, in milliseconds. */
    public static final String FETCH_WAIT_MS = "drpc.spout.fetch.wait.ms";
    /** Default of {@link #FETCH_WAIT_MS}. */
    public static final int DEFAULT_FETCH_WAIT_MS = 100;

    private record Servers(List<String> hosts, int port) {
    }

    private record MsgId(String id, int server) {
    }

    /** A fetched request and the index of the server it came from. */
    private record Fetched(DRPCRequest request, int server) {
    }

    private final String function;
    private final String localServiceId;
    private transient SpoutOutputCollector collector;
    private transient List<DRPCInvocations> servers;
    private transient List<ReturnInfo> infos;
    private transient int next;
    private transient ArrayDeque<Fetched> fetched;
    private transient int fetchMax;
    private transient long fetchWaitMs;
    /** {@code topology.max.spout.pending}, or 0 for none. */
    private transient int maxPending;
    /** Requests emitted whose trees have not yet ended. */
    private transient int inFlight;
    /** Fetches in a row that found nothing. */
    private transient int emptyFetches;

    /** A spout of {@code function}'s requests on the cluster's DRPC servers. */
    public DRPCSpout(String function) {
        this.function = function;
        this.localServiceId = null;
    }

    /** A spout of {@code function}'s requests on a local DRPC server. */
    public DRPCSpout(String function, ILocalDRPC drpc) {
        this.function = function;
        this.localServiceId = drpc.getServiceId();
    }

    /** The function whose requests this spout takes. */
    public String getFunction() {
        return function;
    }

    /** Storm's name for {@link #getFunction()}. */
    public String get_function() {
        return getFunction();
    }

    @Override
    public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
        this.collector = collector;
        this.servers = new ArrayList<>();
        this.infos = new ArrayList<>();
        this.fetched = new ArrayDeque<>();
        this.fetchMax = positiveInt(conf, FETCH_MAX, DEFAULT_FETCH_MAX, 1);
        this.fetchWaitMs = positiveInt(conf, FETCH_WAIT_MS, DEFAULT_FETCH_WAIT_MS, 0);
        Object pending = conf.get(Config.TOPOLOGY_MAX_SPOUT_PENDING);
        this.maxPending = pending instanceof Number n ? Math.max(0, n.intValue()) : 0;
        ILocalDRPC override = DRPCClient.getLocalOverride();
        String serviceId = localServiceId != null ? localServiceId : override != null ? override.getServiceId() : null;
        if (serviceId != null) {
            servers.add(ReturnInfo.connect(serviceId, 0, conf));
            infos.add(new ReturnInfo("", serviceId, 0));
            return;
        }
        Servers s = servers(conf);
        for (String host : s.hosts()) {
            servers.add(ReturnInfo.connect(host, s.port(), conf));
            infos.add(new ReturnInfo("", host, s.port()));
        }
    }

    private static int positiveInt(Map<String, Object> conf, String key, int dflt, int min) {
        Object v = conf.getOrDefault(key, dflt);
        if (!(v instanceof Number n) || n.intValue() < min) {
            throw new IllegalArgumentException(key + " must be a whole number of at least " + min + ", got " + v);
        }
        return n.intValue();
    }

    private static Servers servers(Map<String, Object> conf) {
        Object hosts = conf.get(SERVERS);
        if (!(hosts instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException(SERVERS + " must list the DRPC servers' hosts for a DRPCSpout, got "
                    + hosts);
        }
        Object port = conf.getOrDefault(PORT, DEFAULT_PORT);
        if (!(port instanceof Number n)) {
            throw new IllegalArgumentException(PORT + " must be a port number, got " + port);
        }
        List<String> names = new ArrayList<>();
        list.forEach(h -> names.add(String.valueOf(h)));
        return new Servers(names, n.intValue());
    }

    @Override
    public void nextTuple() {
        if (fetched.isEmpty()) {
            fetch();
        }
        Fetched f = fetched.poll();
        if (f != null) {
            ReturnInfo info = infos.get(f.server());
            collector.emit(new Values(f.request().func_args(),
                    new ReturnInfo(f.request().request_id(), info.host(), info.port()).toJson()),
                    new MsgId(f.request().request_id(), f.server()));
            inFlight++;
        }
    }

    /** Takes waiting requests from the next server that has some, each server in turn at most once. */
    private void fetch() {
        int room = maxPending > 0 ? Math.min(fetchMax, maxPending - inFlight) : fetchMax;
        if (room < 1) {
            return;
        }
        for (int i = 0; i < servers.size(); i++) {
            int s = next;
            next = (next + 1) % servers.size();
            // Wait only once every server has come up empty, each for its share, so no server waits long for us.
            long waitMs = emptyFetches >= servers.size() && !Time.isSimulating() ? fetchWaitMs / servers.size() : 0;
            List<DRPCRequest> got;
            try {
                got = servers.get(s).fetchRequests(function, room, waitMs);
            } catch (RuntimeException e) {
                LOG.warn("Cannot fetch '{}' requests from DRPC server {}: {}", function, infos.get(s).host(),
                        e.getMessage());
                continue;
            }
            for (DRPCRequest r : got) {
                if (!r.request_id().isEmpty()) {
                    fetched.add(new Fetched(r, s));
                }
            }
            if (!fetched.isEmpty()) {
                emptyFetches = 0;
                return;
            }
            emptyFetches++;
        }
    }

    @Override
    public void ack(Object msgId) {
        inFlight--;
    }

    @Override
    public void fail(Object msgId) {
        inFlight--;
        MsgId m = (MsgId) msgId;
        try {
            servers.get(m.server()).failRequest(m.id());
        } catch (RuntimeException e) {
            LOG.warn("Cannot fail DRPC request {} on {}: {}", m.id(), infos.get(m.server()).host(), e.getMessage());
        }
    }

    @Override
    public void close() {
        if (servers == null) {
            return;
        }
        for (Fetched f : fetched) {
            try {
                servers.get(f.server()).failRequest(f.request().request_id());
            } catch (RuntimeException e) {
                LOG.warn("Cannot fail DRPC request {} on {} at close; its client times out: {}",
                        f.request().request_id(), infos.get(f.server()).host(), e.getMessage());
            }
        }
        fetched.clear();
        servers.forEach(DRPCInvocations::close);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields("args", "return-info"));
    }
}
