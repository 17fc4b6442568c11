package io.squall.topologies.trident;

import io.squall.Config;
import io.squall.SquallSubmitter;
import io.squall.trident.Stream;
import io.squall.trident.TridentTopology;
import io.squall.trident.operation.BaseFilter;
import io.squall.trident.operation.BaseFunction;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.operation.builtin.Count;
import io.squall.trident.state.StateFactory;
import io.squall.trident.state.StateType;
import io.squall.trident.testing.MemoryMapState;
import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;

import java.util.List;

/**
 * Ad campaign metrics, exactly once: a stream of ads (which campaign each belongs to, the whole catalog in every
 * batch) and streams of views and clicks. Bot traffic is filtered out, events are projected to their ad and
 * minute, joined with the ads per batch, and counted per campaign per minute into transactional states.
 */
public final class AdCampaignMetrics {
    static final int ADS = 20;
    static final int CAMPAIGNS = 5;
    static final long START_MS = 1_800_000_000_000L;
    static final long VIEW_EVERY_MS = 50;
    static final long CLICK_EVERY_MS = 700;

    private AdCampaignMetrics() {
    }

    static String campaignOf(int ad) {
        return "campaign-" + (ad % CAMPAIGNS);
    }

    private static long mix(long i, long salt) {
        long x = (i + salt) * 0x9E3779B97F4A7C15L;
        return (x ^ (x >>> 29)) & Long.MAX_VALUE;
    }

    /** The view or click at an offset: {@code [adId, userAgent, timeMs]}. */
    static List<Object> event(long offset, long salt, long everyMs) {
        long m = mix(offset, salt);
        String agent = m % 10 == 0 ? "crawler-bot/2.1" : "Mozilla/5.0";
        return new Values((int) (m % ADS), agent, START_MS + offset * everyMs);
    }

    /** Views ({@code limit} of them, or endless with {@code Long.MAX_VALUE}). */
    public static GeneratedSpout views(long limit) {
        return new GeneratedSpout(new Fields("adId", "agent", "timeMs"), 1, 200, limit,
                (p, i) -> event(i, 1, VIEW_EVERY_MS));
    }

    /** Clicks ({@code limit} of them, or endless). */
    public static GeneratedSpout clicks(long limit) {
        return new GeneratedSpout(new Fields("adId", "agent", "timeMs"), 1, 20, limit,
                (p, i) -> event(i, 2, CLICK_EVERY_MS));
    }

    /** The ad catalog, all of it in every batch, so every batch of events can join with it. */
    public static GeneratedSpout ads() {
        return new GeneratedSpout(new Fields("adId", "campaign"), 1, ADS, Long.MAX_VALUE,
                (p, i) -> new Values((int) (i % ADS), campaignOf((int) (i % ADS))));
    }

    /** Drops traffic whose user agent says it is a bot. */
    public static class NotBot extends BaseFilter {
        @Override
        public boolean isKeep(TridentTuple tuple) {
            return !tuple.getString(0).toLowerCase().contains("bot");
        }
    }

    /** Appends the start of the minute of a time in milliseconds. */
    public static class Minute extends BaseFunction {
        @Override
        public void execute(TridentTuple tuple, TridentCollector collector) {
            collector.emit(new Values(tuple.getLong(0) / 60_000 * 60_000));
        }
    }

    private static void countPerCampaignMinute(TridentTopology topology, Stream ads, Stream events,
                                               StateFactory state, String field) {
        Stream human = events.filter(new Fields("agent"), new NotBot())
                .each(new Fields("timeMs"), new Minute(), new Fields("minute"))
                .project(new Fields("adId", "minute"));
        topology.join(human, new Fields("adId"), ads, new Fields("adId"), new Fields("adId", "minute", "campaign"))
                .groupBy(new Fields("campaign", "minute"))
                .persistentAggregate(state, new Count(), new Fields(field))
                .parallelismHint(2)
                .newValuesStream()
                .peek(new LogEverySecond(field + " per campaign and minute"));
    }

    /** The topology, counting views into {@code viewCounts} and clicks into {@code clickCounts}. */
    public static TridentTopology build(GeneratedSpout views, GeneratedSpout clicks, StateFactory viewCounts,
                                        StateFactory clickCounts) {
        TridentTopology topology = new TridentTopology();
        Stream ads = topology.newStream("ad-catalog", ads());
        countPerCampaignMinute(topology, ads, topology.newStream("ad-views", views), viewCounts, "views");
        countPerCampaignMinute(topology, ads, topology.newStream("ad-clicks", clicks), clickCounts, "clicks");
        return topology;
    }

    /** Submits the topology ({@code bin/squall local} runs it in this process). */
    public static void main(String[] args) {
        Config conf = new Config();
        conf.setMaxSpoutPending(3);
        conf.put(Config.TOPOLOGY_TRIDENT_BATCH_EMIT_INTERVAL_MILLIS, 100);
        TridentTopology topology = build(views(Long.MAX_VALUE), clicks(Long.MAX_VALUE),
                new MemoryMapState.Factory(StateType.TRANSACTIONAL),
                new MemoryMapState.Factory(StateType.TRANSACTIONAL));
        SquallSubmitter.submitTopology(args.length > 0 ? args[0] : "ad-campaign-metrics", conf, topology.build());
    }
}
