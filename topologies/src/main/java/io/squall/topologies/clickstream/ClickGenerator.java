package io.squall.topologies.clickstream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Fills a Kafka topic with clicks, lines {@code EPOCH_MILLIS USER PAGE}, at a steady rate. Page popularity follows a
 * Zipf-like curve whose order rotates every {@code --shift-secs}, so the top pages change while you watch.
 *
 * <pre>
 * java -cp ... io.squall.topologies.clickstream.ClickGenerator [--bootstrap 127.0.0.1:9092] [--topic clicks]
 *     [--rate 200] [--seconds 0 (until stopped)] [--pages 30] [--shift-secs 20]
 * </pre>
 */
public final class ClickGenerator {
    private static final String[] SECTIONS = {"home", "search", "cart", "checkout", "products", "deals", "help",
        "account", "blog", "about"};

    private ClickGenerator() {
    }

    /** The page of popularity rank {@code rank} (0 the most clicked) at the given shift. */
    static String page(int rank, int pages, long shift) {
        int i = (int) ((rank + shift) % pages);
        return "/" + SECTIONS[i % SECTIONS.length] + (i < SECTIONS.length ? "" : "/" + i);
    }

    /** A popularity rank, 0 the most likely, each rank about half as likely again as the one before. */
    static int rank(Random random, int pages) {
        double u = random.nextDouble();
        int r = (int) Math.floor(Math.pow(pages + 1, u)) - 1;
        return Math.min(pages - 1, Math.max(0, r));
    }

    /** Writes clicks until {@code --seconds} have passed (never, by default). */
    public static void main(String[] args) throws InterruptedException {
        Map<String, String> opts = new HashMap<>(Map.of("--bootstrap", "127.0.0.1:9092", "--topic", "clicks",
                "--rate", "200", "--seconds", "0", "--pages", "30", "--shift-secs", "20"));
        for (int i = 0; i < args.length; i += 2) {
            if (!opts.containsKey(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException("Unknown option or missing value: " + args[i] + "; options are "
                        + opts.keySet());
            }
            opts.put(args[i], args[i + 1]);
        }
        int rate = Integer.parseInt(opts.get("--rate"));
        int pages = Integer.parseInt(opts.get("--pages"));
        long seconds = Long.parseLong(opts.get("--seconds"));
        long shiftMillis = TimeUnit.SECONDS.toMillis(Long.parseLong(opts.get("--shift-secs")));
        String topic = opts.get("--topic");
        Random random = new Random();
        Map<String, Object> conf = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, opts.get("--bootstrap"),
                ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(conf, new StringSerializer(),
                new StringSerializer())) {
            long start = System.currentTimeMillis();
            long sent = 0;
            System.out.println("Writing " + rate + " clicks/s to topic " + topic + " at " + opts.get("--bootstrap"));
            while (seconds == 0 || System.currentTimeMillis() - start < seconds * 1000) {
                long now = System.currentTimeMillis();
                long due = (now - start) * rate / 1000;
                for (; sent < due; sent++) {
                    String user = "u" + random.nextInt(1000);
                    String line = now + " " + user + " " + page(rank(random, pages), pages, now / shiftMillis);
                    producer.send(new ProducerRecord<>(topic, user, line));
                }
                Thread.sleep(10); // The pace of a generator, not a wait for a condition.
            }
            producer.flush();
            System.out.println("Wrote " + sent + " clicks");
        }
    }
}
