package io.squall.drpc;

import io.squall.ILocalDRPC;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseRichSpout;
import io.squall.topology.DRPCRequest;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import io.squall.utils.DRPCClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Takes the requests of one DRPC function and emits each as {@code [args, return-info]}, the tuple tree tracked
 * under the request: if the tree fails, the request fails at once ({@code DRPCExecutionException} for its
 * client); the result goes back through {@link ReturnResults}. Local with a {@code LocalDRPC}; otherwise it asks
 * every server in {@value #SERVERS} on port {@value #PORT} in turn.
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

    private record Servers(List<String> hosts, int port) {
    }

    private record MsgId(String id, int server) {
    }

    private final String function;
    private final String localServiceId;
    private transient SpoutOutputCollector collector;
    private transient List<DRPCInvocations> servers;
    private transient List<ReturnInfo> infos;
    private transient int next;

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

    @Override
    public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
        this.collector = collector;
        this.servers = new ArrayList<>();
        this.infos = new ArrayList<>();
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
        for (int i = 0; i < servers.size(); i++) {
            int s = next;
            next = (next + 1) % servers.size();
            DRPCRequest req;
            try {
                req = servers.get(s).fetchRequest(function);
            } catch (RuntimeException e) {
                LOG.warn("Cannot fetch '{}' requests from DRPC server {}: {}", function, infos.get(s).host(),
                        e.getMessage());
                continue;
            }
            if (!req.request_id().isEmpty()) {
                ReturnInfo info = infos.get(s);
                collector.emit(new Values(req.func_args(),
                        new ReturnInfo(req.request_id(), info.host(), info.port()).toJson()),
                        new MsgId(req.request_id(), s));
                return;
            }
        }
    }

    @Override
    public void fail(Object msgId) {
        MsgId m = (MsgId) msgId;
        try {
            servers.get(m.server()).failRequest(m.id());
        } catch (RuntimeException e) {
            LOG.warn("Cannot fail DRPC request {} on {}: {}", m.id(), infos.get(m.server()).host(), e.getMessage());
        }
    }

    @Override
    public void close() {
        if (servers != null) {
            servers.forEach(DRPCInvocations::close);
        }
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields("args", "return-info"));
    }
}
