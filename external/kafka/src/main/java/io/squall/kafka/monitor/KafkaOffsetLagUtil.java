package io.squall.kafka.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Storm's storm-kafka-monitor: how far a {@code KafkaSpout}'s consumer group is behind the heads of its topics. As a
 * command ({@code bin/squall kafka-monitor}, Storm's options) it prints, per topic and partition, the group's
 * committed offset, the log head and the lag as JSON:
 *
 * <pre>{"clicks":{"0":{"consumerCommittedOffset":1200,"logHeadOffset":1500,"lag":300}, ...}}</pre>
 *
 * <p>Unlike Storm's, it reports what it could not do on standard error with a non-zero exit status (1: Kafka's
 * answer, such as a topic that does not exist or a broker that does not answer within the API timeout; 2: the command
 * line), rather than a message on standard output with status 0; and a partition the group committed nothing on lags
 * by the records in its log, not by its head offset plus one.
 */
public final class KafkaOffsetLagUtil {
    private static final int OK = 0;
    private static final int FAILED = 1;
    private static final int USAGE = 2;
    private static final String TOPICS = "topics";
    private static final String BROKERS = "bootstrap-brokers";
    private static final String GROUP = "groupid";
    private static final String SECURITY = "security-protocol";
    private static final String SASL = "sasl-mechanism";
    private static final String CONFIG = "consumer-config";
    /** How long a query waits for Kafka, unless the properties file sets {@code default.api.timeout.ms}. */
    static final int DEFAULT_TIMEOUT_MS = 15_000;

    private KafkaOffsetLagUtil() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command: prints the JSON on {@code out}, or an error on {@code err}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options = options();
        CommandLine line;
        try {
            line = new DefaultParser().parse(options, args);
        } catch (ParseException e) {
            return usage(err, options, e.getMessage());
        }
        if (line.hasOption("help")) {
            printHelp(out, options);
            return OK;
        }
        List<String> missing = new ArrayList<>();
        for (String required : List.of(TOPICS, BROKERS, GROUP)) {
            if (line.getOptionValue(required) == null || line.getOptionValue(required).isBlank()) {
                missing.add("--" + required);
            }
        }
        if (!missing.isEmpty()) {
            return usage(err, options, "missing " + String.join(", ", missing) + " (--topics, --bootstrap-brokers and "
                    + "--groupid are required)");
        }
        if (!line.getArgList().isEmpty()) {
            return usage(err, options, "unexpected arguments " + line.getArgList());
        }
        NewKafkaSpoutOffsetQuery query = new NewKafkaSpoutOffsetQuery(line.getOptionValue(TOPICS),
                line.getOptionValue(BROKERS), line.getOptionValue(GROUP), line.getOptionValue(SECURITY),
                line.getOptionValue(SASL), line.getOptionValue(CONFIG));
        try {
            out.println(toJson(getOffsetLags(query)));
            return OK;
        } catch (Exception e) {
            err.println("squall kafka-monitor: cannot get the offset lags of group '" + query.getConsumerGroupId()
                    + "': " + e.getMessage());
            return FAILED;
        }
    }

    /**
     * The offsets of each partition of the query's topics: the group's committed offset (-1 when none), the log head
     * and the lag.
     *
     * @throws IllegalArgumentException when the query names no topic, a topic that does not exist, or a properties
     *         file that cannot be read
     * @throws IllegalStateException when Kafka does not answer in time or refuses the request
     */
    public static List<KafkaOffsetLagResult> getOffsetLags(NewKafkaSpoutOffsetQuery query) throws Exception {
        List<String> topics = Arrays.stream(String.valueOf(query.getTopics()).split(",")).map(String::trim)
                .filter(t -> !t.isEmpty()).distinct().toList();
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("no topic in '" + query.getTopics() + "' (a comma-separated list)");
        }
        Properties props = clientProperties(query);
        long timeoutMs = Long.parseLong(props.getProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG));
        try (Admin admin = Admin.create(props)) {
            Map<String, TopicDescription> described = await(admin.describeTopics(topics).allTopicNames(), timeoutMs,
                    query, "describing topics " + topics);
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                for (TopicPartitionInfo p : described.get(topic).partitions()) {
                    partitions.add(new TopicPartition(topic, p.partition()));
                }
            }
            Map<TopicPartition, ListOffsetsResultInfo> heads = await(admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all(), timeoutMs, query,
                    "reading the log heads");
            Map<TopicPartition, ListOffsetsResultInfo> starts = await(admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.earliest()))).all(), timeoutMs, query,
                    "reading the log starts");
            Map<TopicPartition, OffsetAndMetadata> committed = await(admin.listConsumerGroupOffsets(
                    query.getConsumerGroupId()).partitionsToOffsetAndMetadata(), timeoutMs, query,
                    "reading the committed offsets");
            List<KafkaOffsetLagResult> results = new ArrayList<>();
            for (TopicPartition p : partitions) {
                OffsetAndMetadata c = committed.get(p);
                results.add(new KafkaOffsetLagResult(p.topic(), p.partition(), c == null ? -1 : c.offset(),
                        starts.get(p).offset(), heads.get(p).offset()));
            }
            return results;
        }
    }

    private static Properties clientProperties(NewKafkaSpoutOffsetQuery query) {
        Properties props = new Properties();
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(DEFAULT_TIMEOUT_MS));
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(DEFAULT_TIMEOUT_MS * 2 / 3));
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "squall-kafka-monitor");
        String file = query.getConsumerPropertiesFileName();
        if (file != null) {
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                Properties extra = new Properties();
                extra.load(in);
                // Consumer settings the admin client does not take (deserializers, group.id...) would only be warned of.
                for (String name : extra.stringPropertyNames()) {
                    if (AdminClientConfig.configNames().contains(name)) {
                        props.put(name, extra.getProperty(name));
                    }
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the consumer config file " + file + ": " + e);
            }
        }
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, query.getBootStrapBrokers());
        if (query.getSecurityProtocol() != null) {
            props.put(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, query.getSecurityProtocol());
        }
        if (query.getSaslMechanism() != null) {
            props.put("sasl.mechanism", query.getSaslMechanism());
        }
        return props;
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future, long timeoutMs,
                               NewKafkaSpoutOffsetQuery query, String what) throws InterruptedException {
        try {
            return future.get(timeoutMs + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UnknownTopicOrPartitionException) {
                throw new IllegalArgumentException("a topic of '" + query.getTopics() + "' does not exist on "
                        + query.getBootStrapBrokers() + " (" + cause.getMessage() + ")");
            }
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new IllegalStateException(timeoutMessage(query, what, timeoutMs), cause);
            }
            throw new IllegalStateException("Kafka at " + query.getBootStrapBrokers() + " refused " + what + ": "
                    + cause, cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException(timeoutMessage(query, what, timeoutMs), e);
        }
    }

    private static String timeoutMessage(NewKafkaSpoutOffsetQuery query, String what, long timeoutMs) {
        return "Kafka at " + query.getBootStrapBrokers() + " did not answer " + what + " within " + timeoutMs
                + " ms: check that the brokers are running and reachable (default.api.timeout.ms in --consumer-config "
                + "waits longer)";
    }

    /** The tool's output: per topic, per partition, the partition's offsets and lag. */
    static String toJson(List<KafkaOffsetLagResult> results) throws JsonProcessingException {
        Map<String, Map<Integer, Map<String, Long>>> byTopic = new TreeMap<>();
        for (KafkaOffsetLagResult r : results) {
            Map<String, Long> offsets = new LinkedHashMap<>();
            offsets.put("consumerCommittedOffset", r.getConsumerCommittedOffset());
            offsets.put("logHeadOffset", r.getLogHeadOffset());
            offsets.put("lag", r.getLag());
            byTopic.computeIfAbsent(r.getTopic(), t -> new TreeMap<>()).put(r.getPartition(), offsets);
        }
        return new ObjectMapper().writeValueAsString(byTopic);
    }

    private static int usage(PrintStream err, Options options, String message) {
        err.println("squall kafka-monitor: " + message);
        printHelp(err, options);
        return USAGE;
    }

    private static void printHelp(PrintStream to, Options options) {
        PrintWriter w = new PrintWriter(to);
        new HelpFormatter().printHelp(w, 100, "squall kafka-monitor -t TOPICS -b BROKERS -g GROUP_ID",
                "Prints how far a KafkaSpout's consumer group is behind its topics' heads, as JSON.", options, 2, 2,
                "Exit status: 0 printed, 1 Kafka could not answer, 2 bad command line.");
        w.flush();
    }

    private static Options options() {
        Options options = new Options();
        options.addOption(Option.builder("t").longOpt(TOPICS).hasArg().argName("TOPICS")
                .desc("REQUIRED comma-separated topics").build());
        options.addOption(Option.builder("b").longOpt(BROKERS).hasArg().argName("BROKERS")
                .desc("REQUIRED bootstrap brokers, e.g. host1:9092,host2:9092").build());
        options.addOption(Option.builder("g").longOpt(GROUP).hasArg().argName("GROUP_ID")
                .desc("REQUIRED the spout's consumer group id").build());
        options.addOption(Option.builder("s").longOpt(SECURITY).hasArg().argName("PROTOCOL")
                .desc("security.protocol to connect with").build());
        options.addOption(Option.builder("m").longOpt(SASL).hasArg().argName("MECHANISM")
                .desc("sasl.mechanism to connect with").build());
        options.addOption(Option.builder("c").longOpt(CONFIG).hasArg().argName("FILE")
                .desc("properties file of further Kafka client settings").build());
        options.addOption(Option.builder("h").longOpt("help").desc("prints this help").build());
        return options;
    }
}
