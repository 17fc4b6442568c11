package io.squall.trident.drpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.drpc.DRPCInvocations;
import io.squall.drpc.ReturnInfo;
import io.squall.trident.operation.MultiReducer;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.operation.TridentMultiReducerContext;
import io.squall.trident.tuple.TridentTuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The end of a Trident DRPC stream: per batch (one request), stream 0 brings the request's return info and the
 * other streams the tuples at the ends of the DRPC stream; the result is those tuples as a JSON array of arrays
 * ({@code [["word", 3]]}), sent to the request's DRPC server.
 */
public final class ReturnResultsReducer implements MultiReducer<ReturnResultsReducer.State> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ReturnResultsReducer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The batch's requests and results. */
    public static final class State {
        final List<String> returnInfos = new ArrayList<>();
        final List<List<Object>> results = new ArrayList<>();
    }

    private transient Map<String, Object> conf;
    private transient Map<List<Object>, DRPCInvocations> servers;

    @Override
    public void prepare(Map<String, Object> conf, TridentMultiReducerContext context) {
        this.conf = conf;
        this.servers = new HashMap<>();
    }

    @Override
    public State init(TridentCollector collector) {
        return new State();
    }

    @Override
    public void execute(State state, int streamIndex, TridentTuple input, TridentCollector collector) {
        if (streamIndex == 0) {
            state.returnInfos.add(input.getString(0));
        } else {
            state.results.add(new ArrayList<>(input));
        }
    }

    @Override
    public void complete(State state, TridentCollector collector) {
        if (state.returnInfos.isEmpty()) {
            return;
        }
        String result;
        try {
            result = JSON.writeValueAsString(state.results);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the DRPC result " + state.results + " as JSON: "
                    + e.getMessage(), e);
        }
        for (String json : state.returnInfos) {
            ReturnInfo info = ReturnInfo.parse(json);
            List<Object> key = List.of(info.host(), info.port());
            try {
                servers.computeIfAbsent(key, k -> ReturnInfo.connect(info.host(), info.port(), conf))
                        .result(info.id(), result);
            } catch (RuntimeException e) {
                servers.remove(key);
                LOG.warn("Cannot return the result of DRPC request {} to {}: {}", info.id(), info.host(),
                        e.getMessage());
                throw e;
            }
        }
    }

    @Override
    public void cleanup() {
        if (servers != null) {
            servers.values().forEach(DRPCInvocations::close);
        }
    }
}
