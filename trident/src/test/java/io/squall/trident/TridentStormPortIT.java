package io.squall.trident;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.topology.StormTopology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A Trident topology with its own transactional spout, written against Storm's interfaces and packages, compiles
 * after the README's import-rewriting command and counts exactly once through failed batches.
 */
class TridentStormPortIT {
    @Test
    @Timeout(120)
    void aStormTransactionalSpoutPortsAndCountsExactlyOnce(@TempDir Path dir) throws Exception {
        Config conf = Run.conf();
        try (URLClassLoader loader = PortedSource.compile(dir);
             LocalCluster cluster = new LocalCluster()) {
            Class<?> k = loader.loadClass(PortedSource.TOPOLOGY);
            StormTopology topology = (StormTopology) k.getMethod("build").invoke(null);
            Method count = k.getMethod("count", String.class);
            AtomicInteger failures = (AtomicInteger) k.getField("FAILURES").get(null);
            cluster.submitTopology("ported-trident", conf, topology, loader);
            Await.until(Duration.ofSeconds(60), () -> total(count) == 60, () -> "60 words counted, got "
                    + total(count));
            for (int w = 0; w < 5; w++) {
                assertEquals(12L, count.invoke(null, "w" + w), "w" + w + " counted once per occurrence");
            }
            assertEquals(3, failures.get(), "batches failed on the way");
        }
    }

    private static long total(Method count) {
        long sum = 0;
        try {
            for (int w = 0; w < 5; w++) {
                sum += (Long) count.invoke(null, "w" + w);
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        return sum;
    }
}
