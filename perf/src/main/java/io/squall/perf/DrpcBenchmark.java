package io.squall.perf;

import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.DRPC;
import io.squall.daemon.drpc.DrpcServer;
import io.squall.drpc.DRPCSpout;
import io.squall.drpc.LinearDRPCTopologyBuilder;
import io.squall.topology.BasicOutputCollector;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import io.squall.utils.DRPCClient;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * DRPC requests/s and latency through a DRPC server (HTTP on loopback) and a small linear DRPC topology (two basic
 * bolts) on a local cluster, with {@code clients} concurrent clients each sending requests back to back.
 * Arguments: warmupSecs measureSecs clients.
 */
public final class DrpcBenchmark {
    private DrpcBenchmark() {
    }

    /** Appends "!" to the argument. */
    public static class Exclaim extends BaseBasicBolt {
        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            collector.emit(new Values(input.getValue(0), input.getString(1) + "!"));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("id", "result"));
        }
    }

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int measure = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        System.out.printf("DRPC: linear topology of 2 bolts, %d clients over HTTP, warm-up %d s, measure %d s%n",
                clients, warmup, measure);
        LinearDRPCTopologyBuilder builder = new LinearDRPCTopologyBuilder("exclaim");
        builder.addBolt(new Exclaim(), 2);
        builder.addBolt(new Exclaim(), 2).fieldsGrouping(new Fields("id"));
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try (DrpcServer server = new DrpcServer("127.0.0.1", 0, 30_000); LocalCluster cluster = new LocalCluster();
             DRPCClient client = new DRPCClient(Map.of(), "127.0.0.1", server.port())) {
            Config conf = new Config();
            conf.put(DRPCSpout.SERVERS, List.of("127.0.0.1"));
            conf.put(DRPCSpout.PORT, server.port());
            conf.put(DRPC.REQUEST_TIMEOUT_SECS, 30);
            cluster.submitTopology("drpc-bench", conf, builder.createRemoteTopology());
            client.execute("exclaim", "ready");
            Recorder recorder = new Recorder(3);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong done = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int me = c;
                workers.add(pool.submit(() -> {
                    long n = 0;
                    while (running.get()) {
                        long t0 = System.nanoTime();
                        try {
                            String r = client.execute("exclaim", "c" + me + "-" + n);
                            if (!r.equals("c" + me + "-" + n + "!!")) {
                                errors.incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            errors.incrementAndGet();
                        }
                        recorder.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                        done.incrementAndGet();
                        n++;
                    }
                }));
            }
            TimeUnit.SECONDS.sleep(warmup);
            recorder.reset();
            long start = done.get();
            long t0 = System.nanoTime();
            TimeUnit.SECONDS.sleep(measure);
            long count = done.get() - start;
            double secs = (System.nanoTime() - t0) / 1e9;
            Histogram h = recorder.getIntervalHistogram();
            running.set(false);
            for (java.util.concurrent.Future<?> w : workers) {
                w.get();
            }
            System.out.printf("%d requests in %.1f s: %.0f requests/s; latency p50 %.2f ms, p99 %.2f ms, max %.2f ms;"
                            + " %d wrong or failed%n", count, secs, count / secs, h.getValueAtPercentile(50) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, errors.get());
        } finally {
            pool.shutdownNow();
        }
    }
}
