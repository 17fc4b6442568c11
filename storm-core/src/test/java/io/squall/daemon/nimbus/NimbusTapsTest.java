package io.squall.daemon.nimbus;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.runtime.tap.TapFeed;
import io.squall.runtime.tap.TapKey;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NimbusTapsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Set<String>> STREAMS = Map.of("split", Set.of("default"));
    private static final TapKey SPLIT = new TapKey("split", "default");

    private final NimbusTaps taps = new NimbusTaps(1_000);

    @Test
    void aReadOpensATapThatTheTopologysWorkersAreToldToKeepUntilItsLeaseRunsOut() {
        taps.read("wc", STREAMS, SPLIT, 5, 0, 100);
        assertEquals(List.of(Map.of("component", "split", "stream", "default", "maxPerSec", 5)), taps.wanted("wc", 200));
        assertEquals(List.of(), taps.wanted("other", 200), "only the tapped topology's workers");
        taps.read("wc", STREAMS, SPLIT, 5, 0, 1_000);
        assertEquals(1, taps.wanted("wc", 1_900).size(), "the read renewed the lease");
        assertEquals(List.of(), taps.wanted("wc", 2_100), "expired a lease after the last read");
        taps.read("wc", STREAMS, SPLIT, 5, 0, 3_000);
        taps.close("wc", SPLIT);
        assertEquals(List.of(), taps.wanted("wc", 3_000));
    }

    @Test
    void workersSamplesReachTheReadersWithTheirCountersSummed() throws Exception {
        taps.read("wc", STREAMS, SPLIT, 5, 0, 0);
        taps.report(JSON.readTree("{\"topology\":\"wc\",\"worker\":\"w1\",\"taps\":[{\"component\":\"split\","
                + "\"stream\":\"default\",\"seen\":100,\"sampled\":2,\"dropped\":0,\"samples\":["
                + "{\"timeMillis\":5,\"task\":3,\"values\":[\"cow\",1,{\"k\":[true,null]}]},"
                + "{\"timeMillis\":6,\"task\":3,\"values\":[\"moon\",2.5,null]}]}]}"));
        taps.report(JSON.readTree("{\"topology\":\"wc\",\"worker\":\"w2\",\"taps\":[{\"component\":\"split\","
                + "\"stream\":\"default\",\"seen\":50,\"sampled\":1,\"dropped\":4,\"samples\":["
                + "{\"timeMillis\":7,\"task\":4,\"values\":[\"day\",3,\"x\"]}]},"
                + "{\"component\":\"closed\",\"stream\":\"default\",\"seen\":1,\"samples\":[]}]}"));
        TapFeed.Read r = taps.read("wc", STREAMS, SPLIT, 5, 0, 10);
        assertEquals(3, r.rows().size());
        assertEquals(List.of("cow", 1, Map.of("k", Arrays.asList(true, null))), r.rows().get(0).values());
        assertEquals(4, r.rows().get(2).task());
        assertEquals(150, r.seen());
        assertEquals(3, r.sampled());
        assertEquals(4, r.dropped());
        assertEquals(List.of(), taps.read("wc", STREAMS, SPLIT, 5, r.last(), 11).rows());
    }

    @Test
    void badRequestsAndReportsAre400sNamingTheProblem() throws Exception {
        NimbusException e = assertThrows(NimbusException.class, () -> taps.read("wc", STREAMS,
                new TapKey("split", "words"), 5, 0, 0));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("declares no stream 'words'"), e.getMessage());
        assertEquals(400, assertThrows(NimbusException.class, () -> taps.read("wc", STREAMS, SPLIT, 5000, 0, 0))
                .status());
        assertEquals(400, assertThrows(NimbusException.class, () -> taps.report(JSON.readTree("{\"taps\":3}")))
                .status());
    }
}
