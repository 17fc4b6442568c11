package io.squall.jms;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.RedeliveryPolicy;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.region.Destination;
import org.apache.activemq.command.ActiveMQQueue;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;

import javax.jms.Connection;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.MessageConsumer;
import javax.jms.MessageProducer;
import javax.jms.Session;
import javax.jms.TextMessage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real ActiveMQ broker for the tests: persistent (KahaDB under {@code target/activemq}), on a TCP port of the
 * loopback, which a test can stop (its clients' connections break) and start again with the same messages.
 */
public final class Broker implements AutoCloseable {
    private final Path dir;
    private final int port;
    private BrokerService service;

    private Broker(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static Broker start(String name) {
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "activemq")), name);
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Broker broker = new Broker(dir.toAbsolutePath(), port);
            broker.restart();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Starts the broker (again) on its port, with the messages it kept. */
    public void restart() {
        try {
            service = new BrokerService();
            service.setBrokerName("test-" + port);
            service.setUseJmx(false);
            service.setAdvisorySupport(false);
            KahaDBPersistenceAdapter store = new KahaDBPersistenceAdapter();
            store.setDirectory(new File(dir.toFile(), "kahadb"));
            service.setPersistenceAdapter(store);
            service.setDataDirectoryFile(dir.toFile());
            service.addConnector(url() + "?transport.reuseAddress=true");
            service.start();
            service.waitUntilStarted();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start ActiveMQ on port " + port + ": " + e, e);
        }
    }

    /** Stops the broker: its clients' connections break. */
    public void stop() {
        try {
            service.stop();
            service.waitUntilStopped();
            service = null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean isRunning() {
        return service != null;
    }

    /** A factory for the tests' own clients. */
    public ActiveMQConnectionFactory factory() {
        return factory(url());
    }

    /**
     * A factory that redelivers at once and without limit: ActiveMQ's default waits a second before redelivering a
     * recovered session's messages and sends a message to its dead-letter queue after six redeliveries.
     */
    static ActiveMQConnectionFactory factory(String url) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setInitialRedeliveryDelay(0);
        policy.setRedeliveryDelay(0);
        policy.setMaximumRedeliveries(RedeliveryPolicy.NO_MAXIMUM_REDELIVERIES);
        factory.setRedeliveryPolicy(policy);
        return factory;
    }

    /** Puts {@code texts} on {@code queue}, persistently. */
    public void send(String queue, List<String> texts) {
        try (Connection c = factory().createConnection()) {
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer p = s.createProducer(new ActiveMQQueue(queue));
            for (String text : texts) {
                p.send(s.createTextMessage(text));
            }
            s.commit();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Takes every message now on {@code queue} (waiting up to {@code waitMillis} for each next one), as text. */
    public List<String> drain(String queue, long waitMillis) {
        List<String> texts = new ArrayList<>();
        try (Connection c = factory().createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(new ActiveMQQueue(queue));
            Message m;
            while ((m = consumer.receive(waitMillis)) != null) {
                texts.add(((TextMessage) m).getText());
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
        return texts;
    }

    /** How many messages {@code queue} holds, delivered or not, that no consumer has acknowledged. */
    public long queued(String queue) {
        try {
            Destination d = service.getDestination(new ActiveMQQueue(queue));
            return d == null ? 0 : d.getDestinationStatistics().getMessages().getCount();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (service != null) {
            stop();
        }
    }
}
