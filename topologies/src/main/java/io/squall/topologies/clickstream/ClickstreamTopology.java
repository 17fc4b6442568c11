package io.squall.topologies.clickstream;

import io.squall.Config;
import io.squall.SquallSubmitter;
import io.squall.kafka.spout.FirstPollOffsetStrategy;
import io.squall.kafka.spout.KafkaSpout;
import io.squall.kafka.spout.KafkaSpoutConfig;
import io.squall.topology.IRichSpout;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseWindowedBolt;
import io.squall.tuple.Fields;

/**
 * Clicks from Kafka → parse → clicks per page in a sliding window → the top pages, once a second. Watch them live
 * on the dashboard's page {@code /examples/clickstream}, which taps the stream of {@code top-pages}.
 *
 * <pre>
 * bin/squall local topologies/target/squall-topologies.jar io.squall.topologies.clickstream.ClickstreamTopology \
 *     --ui 8080 --local-ttl 600 -- [BOOTSTRAP [TOPIC [WINDOW_SECS [SLIDE_SECS]]]]
 * </pre>
 */
public final class ClickstreamTopology {
    /** The topology's name, which the clickstream page taps by default. */
    public static final String NAME = "clickstream";
    /** The component whose stream the page shows. */
    public static final String TOP_PAGES = "top-pages";
    /** How many pages are ranked. */
    public static final int TOP_N = 10;

    private ClickstreamTopology() {
    }

    /**
     * The topology over any spout whose tuples have a field {@code value} holding a click line.
     *
     * @param windowSecs how many seconds of clicks each count covers
     * @param slideSecs  how often the window slides
     */
    public static StormTopology build(IRichSpout clicks, int windowSecs, int slideSecs) {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("clicks", clicks, 1);
        b.setBolt("parse", new ParseClick(), 2).shuffleGrouping("clicks");
        b.setBolt("page-counts", new PageCounts().withWindow(BaseWindowedBolt.Duration.seconds(windowSecs),
                BaseWindowedBolt.Duration.seconds(slideSecs)), 2).fieldsGrouping("parse", new Fields("page"));
        b.setBolt(TOP_PAGES, new TopPages(TOP_N, 2_000L * slideSecs + 1_000), 1).globalGrouping("page-counts");
        return b.createTopology();
    }

    /**
     * The same pipeline by event time: the spout declares it ({@code withEventTime}; it reads each click's time from
     * its line, as an {@link io.squall.spout.IEventTimeSpout}), the watermarks pass the parser, the page counts slide
     * by the clicks' times and forward their watermark with their results, stamped with each window's end, and
     * {@link TopPagesPerWindow} ranks the pages of each window once every task's counts are in. Results are exactly
     * those of the sorted clicks, however late the tuples reach the bolts; a finite spout's end fires the last windows.
     *
     * @param outOfOrder how far out of order the clicks' times may come
     */
    public static StormTopology buildByEventTime(IRichSpout clicks, java.time.Duration outOfOrder, int windowSecs,
                                                 int slideSecs) {
        return builderByEventTime(clicks, outOfOrder, windowSecs, slideSecs).createTopology();
    }

    /** {@link #buildByEventTime}'s builder, to add components that read the top pages. */
    public static TopologyBuilder builderByEventTime(IRichSpout clicks, java.time.Duration outOfOrder, int windowSecs,
                                                     int slideSecs) {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("clicks", clicks, 1).withEventTime(outOfOrder);
        b.setBolt("parse", new ParseClick(), 2).shuffleGrouping("clicks");
        b.setBolt("page-counts", new PageCounts().withWindow(BaseWindowedBolt.Duration.seconds(windowSecs),
                BaseWindowedBolt.Duration.seconds(slideSecs)).withTimestampField("ts"), 2)
                .fieldsGrouping("parse", new Fields("page"));
        b.setBolt(TOP_PAGES, new TopPagesPerWindow(TOP_N)
                .withTumblingWindow(BaseWindowedBolt.Duration.seconds(slideSecs))
                .withTimestampField("windowEnd"), 1).globalGrouping("page-counts");
        return b;
    }

    /** The configuration: acking on, and a message timeout longer than a window holds a click. */
    public static Config config(int windowSecs, int slideSecs) {
        Config conf = new Config();
        conf.setMaxSpoutPending(5000);
        conf.setMessageTimeoutSecs(windowSecs + slideSecs + 30);
        return conf;
    }

    /** A KafkaSpout reading click lines from {@code topic}, from the latest offset when first started. */
    public static KafkaSpout<String, String> kafkaSpout(String bootstrap, String topic) {
        return new KafkaSpout<>(KafkaSpoutConfig.builder(bootstrap, topic)
                .setProp("group.id", "squall-clickstream")
                .setFirstPollOffsetStrategy(FirstPollOffsetStrategy.UNCOMMITTED_LATEST)
                .build());
    }

    /** Submits the topology: {@code [BOOTSTRAP [TOPIC [WINDOW_SECS [SLIDE_SECS]]]]}. */
    public static void main(String[] args) {
        String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:9092";
        String topic = args.length > 1 ? args[1] : "clicks";
        int window = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int slide = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        SquallSubmitter.submitTopology(NAME, config(window, slide), build(kafkaSpout(bootstrap, topic), window, slide));
    }
}
