package io.squall.kafka.monitor;

import java.util.Objects;

/**
 * What {@link KafkaOffsetLagUtil#getOffsetLags} asks Kafka for: the committed offsets of a consumer group (a
 * {@code KafkaSpout}'s {@code group.id}) on some topics, and those topics' log heads. Storm's storm-kafka-monitor
 * query, with its constructor and getters.
 */
public final class NewKafkaSpoutOffsetQuery {
    private final String topics;
    private final String bootstrapBrokers;
    private final String consumerGroupId;
    private final String securityProtocol;
    private final String saslMechanism;
    private final String consumerPropertiesFileName;

    /**
     * A query.
     *
     * @param topics comma-separated topic names
     * @param bootstrapBrokers Kafka's {@code bootstrap.servers}, {@code host:port,...}
     * @param consumerGroupId the spout's {@code group.id}
     * @param securityProtocol {@code security.protocol}, or null for Kafka's default
     * @param saslMechanism {@code sasl.mechanism}, or null for Kafka's default
     * @param consumerPropertiesFileName a properties file of further client settings, or null
     */
    public NewKafkaSpoutOffsetQuery(String topics, String bootstrapBrokers, String consumerGroupId,
                                    String securityProtocol, String saslMechanism, String consumerPropertiesFileName) {
        this.topics = topics;
        this.bootstrapBrokers = bootstrapBrokers;
        this.consumerGroupId = consumerGroupId;
        this.securityProtocol = securityProtocol;
        this.saslMechanism = saslMechanism;
        this.consumerPropertiesFileName = consumerPropertiesFileName;
    }

    public String getTopics() {
        return topics;
    }

    public String getBootStrapBrokers() {
        return bootstrapBrokers;
    }

    public String getConsumerGroupId() {
        return consumerGroupId;
    }

    public String getSecurityProtocol() {
        return securityProtocol;
    }

    public String getSaslMechanism() {
        return saslMechanism;
    }

    public String getConsumerPropertiesFileName() {
        return consumerPropertiesFileName;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NewKafkaSpoutOffsetQuery q && Objects.equals(topics, q.topics)
                && Objects.equals(bootstrapBrokers, q.bootstrapBrokers)
                && Objects.equals(consumerGroupId, q.consumerGroupId)
                && Objects.equals(securityProtocol, q.securityProtocol)
                && Objects.equals(saslMechanism, q.saslMechanism)
                && Objects.equals(consumerPropertiesFileName, q.consumerPropertiesFileName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topics, bootstrapBrokers, consumerGroupId, securityProtocol, saslMechanism,
                consumerPropertiesFileName);
    }

    @Override
    public String toString() {
        return "NewKafkaSpoutOffsetQuery{topics='" + topics + "', bootstrapBrokers='" + bootstrapBrokers
                + "', consumerGroupId='" + consumerGroupId + "', securityProtocol='" + securityProtocol
                + "', saslMechanism='" + saslMechanism + "', consumerPropertiesFileName='" + consumerPropertiesFileName
                + "'}";
    }
}
