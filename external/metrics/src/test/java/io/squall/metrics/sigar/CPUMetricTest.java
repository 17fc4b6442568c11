package io.squall.metrics.sigar;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CPUMetricTest {
    @Test
    void userAndSystemTimesAreReadAfterACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (java (worker) x) S 1 4242 4242 0 -1 4194560 51207 0 12 0 1234 56 0 0 20 0 93 0 "
                + "2771 9142575104 104035 18446744073709551615 1 1 0 0 0 0 0 4096 16800975";
        assertArrayEquals(new long[] {12_340, 560}, CPUMetric.parseStat(stat));
    }

    @Test
    void aBucketReportsTheCpuTheProcessSpentInIt() {
        CPUMetric metric = new CPUMetric();
        metric.getValueAndReset();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        long x = 0;
        while (threads.getCurrentThreadCpuTime() - start < 300_000_000L) { // 300 ms of this thread's CPU
            x += Long.numberOfTrailingZeros(x + 1);
        }
        @SuppressWarnings("unchecked")
        Map<String, Long> spent = (Map<String, Long>) metric.getValueAndReset();
        assertEquals(2, spent.size(), spent.toString());
        assertTrue(spent.get("user-ms") + spent.get("sys-ms") >= 250, spent + " after 300 ms of CPU (" + x + ")");
        assertTrue(spent.get("user-ms") >= 0 && spent.get("sys-ms") >= 0, spent.toString());
    }
}
