package io.squall.kafka.spout;

import org.apache.kafka.common.TopicPartition;

import java.io.Serializable;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Retries failed tuples with exponential backoff: the first retry {@code initialDelay} after the failure, the
 * n-th (n &gt; 1) {@code delayPeriod * 2^(n-1)} after it, never more than {@code maxDelay}; after
 * {@code maxRetries} retries a record is given up (the spout counts and logs it, and commits past it).
 * Executor thread only.
 */
public class KafkaSpoutRetryExponentialBackoff implements KafkaSpoutRetryService {
    private static final long serialVersionUID = 1L;

    private final TimeInterval initialDelay;
    private final TimeInterval delayPeriod;
    private final int maxRetries;
    private final TimeInterval maxDelay;
    /** A test's clock; null for System.nanoTime. */
    private final transient LongSupplier clockNanos;

    /** Scheduled retries ordered by due time, then partition and offset. */
    private transient TreeSet<Scheduled> queue;
    private transient Map<KafkaSpoutMessageId, Scheduled> byId;

    /**
     * @param initialDelay delay before the first retry
     * @param delayPeriod  base of the later delays
     * @param maxRetries   retries before a record is given up; {@code Integer.MAX_VALUE} for no limit
     * @param maxDelay     the longest delay
     */
    public KafkaSpoutRetryExponentialBackoff(TimeInterval initialDelay, TimeInterval delayPeriod, int maxRetries,
                                             TimeInterval maxDelay) {
        this(initialDelay, delayPeriod, maxRetries, maxDelay, null);
    }

    /** As the public constructor, with a clock (nanoseconds) for tests. */
    KafkaSpoutRetryExponentialBackoff(TimeInterval initialDelay, TimeInterval delayPeriod, int maxRetries,
                                      TimeInterval maxDelay, LongSupplier clockNanos) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more, got " + maxRetries);
        }
        this.initialDelay = requireInterval(initialDelay, "initialDelay");
        this.delayPeriod = requireInterval(delayPeriod, "delayPeriod");
        this.maxRetries = maxRetries;
        this.maxDelay = requireInterval(maxDelay, "maxDelay");
        this.clockNanos = clockNanos;
    }

    private long now() {
        return clockNanos != null ? clockNanos.getAsLong() : System.nanoTime();
    }

    private static TimeInterval requireInterval(TimeInterval t, String name) {
        if (t == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return t;
    }

    private TreeSet<Scheduled> queue() {
        if (queue == null) {
            queue = new TreeSet<>();
            byId = new HashMap<>();
        }
        return queue;
    }

    @Override
    public boolean schedule(KafkaSpoutMessageId msgId) {
        remove(msgId);
        if (msgId.numFails() > maxRetries) {
            return false;
        }
        Scheduled s = new Scheduled(msgId, now() + delayNanos(msgId.numFails()));
        queue().add(s);
        byId.put(msgId, s);
        return true;
    }

    /** The delay before the retry that follows failure number {@code failCount} (1 for the first). */
    long delayNanos(int failCount) {
        long delay;
        if (failCount <= 1) {
            delay = initialDelay.lengthNanos();
        } else {
            int shift = Math.min(failCount - 1, 62);
            long factor = 1L << shift;
            long period = delayPeriod.lengthNanos();
            delay = period > Long.MAX_VALUE / factor ? Long.MAX_VALUE : period * factor;
        }
        return Math.min(delay, maxDelay.lengthNanos());
    }

    @Override
    public boolean remove(KafkaSpoutMessageId msgId) {
        queue();
        Scheduled s = byId.remove(msgId);
        if (s == null) {
            return false;
        }
        queue.remove(s);
        return true;
    }

    @Override
    public Set<TopicPartition> retainAll(Collection<TopicPartition> topicPartitions) {
        queue().removeIf(s -> {
            boolean drop = !topicPartitions.contains(s.msgId.getTopicPartition());
            if (drop) {
                byId.remove(s.msgId);
            }
            return drop;
        });
        Set<TopicPartition> left = new HashSet<>();
        for (Scheduled s : queue) {
            left.add(s.msgId.getTopicPartition());
        }
        return left;
    }

    @Override
    public Map<TopicPartition, Long> earliestRetriableOffsets() {
        long now = now();
        Map<TopicPartition, Long> earliest = new HashMap<>();
        for (Scheduled s : queue()) {
            if (s.dueNanos - now > 0) {
                break;
            }
            earliest.merge(s.msgId.getTopicPartition(), s.msgId.offset(), Math::min);
        }
        return earliest;
    }

    @Override
    public boolean isReady(KafkaSpoutMessageId msgId) {
        queue();
        Scheduled s = byId.get(msgId);
        return s != null && s.dueNanos - now() <= 0;
    }

    @Override
    public boolean isScheduled(KafkaSpoutMessageId msgId) {
        queue();
        return byId.containsKey(msgId);
    }

    @Override
    public int readyMessageCount() {
        long now = now();
        int n = 0;
        for (Scheduled s : queue()) {
            if (s.dueNanos - now > 0) {
                break;
            }
            n++;
        }
        return n;
    }

    @Override
    public KafkaSpoutMessageId getMessageId(TopicPartition topicPartition, long offset) {
        queue();
        KafkaSpoutMessageId probe = new KafkaSpoutMessageId(topicPartition, offset);
        Scheduled s = byId.get(probe);
        return s != null ? s.msgId : probe;
    }

    @Override
    public String toString() {
        return "KafkaSpoutRetryExponentialBackoff{initialDelay=" + initialDelay + ", delayPeriod=" + delayPeriod
                + ", maxRetries=" + maxRetries + ", maxDelay=" + maxDelay + "}";
    }

    private record Scheduled(KafkaSpoutMessageId msgId, long dueNanos) implements Comparable<Scheduled> {
        @Override
        public int compareTo(Scheduled o) {
            int c = Long.compare(dueNanos, o.dueNanos);
            if (c != 0) {
                return c;
            }
            c = msgId.getTopicPartition().toString().compareTo(o.msgId.getTopicPartition().toString());
            return c != 0 ? c : Long.compare(msgId.offset(), o.msgId.offset());
        }
    }

    /** A length of time, for the backoff's settings. */
    public static class TimeInterval implements Serializable {
        private static final long serialVersionUID = 1L;

        private final long length;
        private final TimeUnit timeUnit;

        /** {@code length} of {@code timeUnit}; must not be negative. */
        public TimeInterval(long length, TimeUnit timeUnit) {
            if (length < 0) {
                throw new IllegalArgumentException("A time interval cannot be negative, got " + length + " " + timeUnit);
            }
            this.length = length;
            this.timeUnit = timeUnit;
        }

        public static TimeInterval seconds(long length) {
            return new TimeInterval(length, TimeUnit.SECONDS);
        }

        public static TimeInterval milliSeconds(long length) {
            return new TimeInterval(length, TimeUnit.MILLISECONDS);
        }

        public static TimeInterval microSeconds(long length) {
            return new TimeInterval(length, TimeUnit.MICROSECONDS);
        }

        /** The length in nanoseconds. */
        public long lengthNanos() {
            return timeUnit.toNanos(length);
        }

        public long length() {
            return length;
        }

        public TimeUnit timeUnit() {
            return timeUnit;
        }

        @Override
        public String toString() {
            return length + " " + timeUnit.name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
