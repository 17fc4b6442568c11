package io.squall.metric;

import io.squall.task.TopologyContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * The default event logger, as Storm's: one line per sampled tuple ({@link #buildLogMessage}) appended to the
 * worker's events log, {@code worker-TOPOLOGY_ID-PORT.events.log} beside the worker's log (in local mode under
 * {@code squall.logs.dir}, default {@code logs}), which the logviewer serves with the worker's files (Storm's name
 * {@code TOPOLOGY_ID/PORT/events.log} too). Lines are flushed after each batch the worker hands over.
 */
public class FileBasedEventLogger implements IEventLogger {
    private static final Logger LOG = LoggerFactory.getLogger(FileBasedEventLogger.class);

    private Path path;
    private BufferedWriter writer;

    @Override
    public void prepare(Map<String, Object> conf, Map<String, Object> arguments, TopologyContext context) {
        Integer port = context.getThisWorkerPort();
        path = eventsLog(context.getStormId(), port == null ? 0 : port);
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the events log " + path, e);
        }
        LOG.info("Logging sampled tuples to {}", path);
    }

    /** Where a worker's events go: beside its log when the supervisor named one, else under the logs directory. */
    static Path eventsLog(String topologyId, int port) {
        String workerLog = System.getProperty("squall.worker.log.file");
        String name = "worker-" + topologyId + "-" + port + ".events.log";
        return workerLog != null && !workerLog.isBlank() ? Path.of(workerLog).toAbsolutePath().resolveSibling(name)
                : Path.of(System.getProperty("squall.logs.dir", "logs")).resolve(name);
    }

    @Override
    public void log(EventInfo event) {
        try {
            writer.write(buildLogMessage(event));
            writer.newLine();
        } catch (IOException e) {
            LOG.warn("Cannot write to the events log {}: {}", path, e.toString());
        }
    }

    /** Flushes what was logged so far. */
    public void flush() {
        try {
            writer.flush();
        } catch (IOException e) {
            LOG.warn("Cannot flush the events log {}: {}", path, e.toString());
        }
    }

    /** The line of one event; Storm's comma-separated {@link EventInfo#toString()} unless overridden. */
    protected String buildLogMessage(EventInfo event) {
        return event.toString();
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            LOG.warn("Cannot close the events log {}: {}", path, e.toString());
        }
    }
}
