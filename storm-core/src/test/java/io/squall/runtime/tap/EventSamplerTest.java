package io.squall.runtime.tap;

import io.squall.metric.IEventLogger;
import io.squall.utils.ManualClock;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EventSamplerTest {
    private static int sampled(double percent, int offers) {
        EventSampler s = new EventSampler("split", percent, new ManualClock(0));
        for (int i = 0; i < offers; i++) {
            s.offer(3, null, List.of("w" + i));
        }
        return s.drain().size();
    }

    @Test
    void takesExactlyItsPercentageSpreadEvenly() {
        assertEquals(1000, sampled(100, 1000));
        assertEquals(300, sampled(30, 1000));
        assertEquals(1, sampled(0.1, 1000));
        assertEquals(25, sampled(12.5, 200));
    }

    @Test
    void anEventCarriesItsComponentTaskMessageIdValuesAndTime() {
        ManualClock clock = new ManualClock(0);
        clock.advanceMillis(1234);
        EventSampler s = new EventSampler("spout", 100, clock);
        s.offer(7, "msg-1", List.of("a", 1));
        IEventLogger.EventInfo e = s.drain().get(0);
        assertEquals("spout", e.getComponent());
        assertEquals(7, e.getTask());
        assertEquals("msg-1", e.getMessageId());
        assertEquals(List.of("a", 1), e.getValues());
        assertEquals(clock.currentTimeMillis(), e.getTs());
        assertEquals(",spout,7,msg-1,[a, 1]", e.toString().substring(e.toString().indexOf(',')),
                "Storm's line: time, component, task, message id, values");
    }

    @Test
    void aFullBufferDropsAndCountsAndABadPercentageIsRefused() {
        EventSampler s = new EventSampler("split", 100, new ManualClock(0));
        for (int i = 0; i < EventSampler.CAPACITY + 5; i++) {
            s.offer(1, null, List.of(i));
        }
        assertEquals(5, s.dropped());
        assertEquals(EventSampler.CAPACITY, s.drain().size());
        assertThrows(IllegalArgumentException.class, () -> new EventSampler("split", 0, new ManualClock(0)));
        assertThrows(IllegalArgumentException.class, () -> new EventSampler("split", 101, new ManualClock(0)));
    }
}
