package io.squall.daemon.supervisor;

import io.squall.config.ConfigKeys;
import io.squall.config.DaemonConfig;
import io.squall.config.InvalidConfigException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How a worker's log is bounded: the system properties a supervisor starts a worker JVM with, so that logback (with
 * {@code squall-worker-logback.xml}, or the file of {@code worker.logback.conf}) writes {@code worker-ID-PORT.log}
 * under {@code squall.logs.dir} and rolls it to {@code .log.1}, {@code .log.2}, ... at
 * {@code worker.log.max.file.size.mb}, keeping {@code worker.log.max.files} files in all. What the JVM itself
 * writes to its standard output and error (a crash message, a thread dump) the supervisor appends to
 * {@code worker-ID-PORT.out}; the worker's {@code System.out} and {@code System.err} go to its log.
 *
 * <p>Immutable; checked once, when the supervisor starts.
 *
 * @param logsDir       {@code squall.logs.dir}, absolute
 * @param maxFileSizeMb {@code worker.log.max.file.size.mb}
 * @param maxFiles      {@code worker.log.max.files}
 * @param logbackConf   the logback configuration the workers get: a file, or the built-in resource's name
 */
record WorkerLogOptions(Path logsDir, int maxFileSizeMb, int maxFiles, String logbackConf) {
    /** The workers' logback configuration unless {@code worker.logback.conf} names another: a class path resource. */
    static final String BUILT_IN_CONF = "squall-worker-logback.xml";
    /** Logback's fixed window renames at most 20 files, so one log keeps at most 21. */
    static final int MAX_FILES_LIMIT = 21;

    /**
     * The options of a daemon's configuration.
     *
     * @throws InvalidConfigException naming the key, for more files than logback can roll or a configuration file
     *                                that is not there
     */
    static WorkerLogOptions of(DaemonConfig conf) {
        int maxFiles = conf.getInt(ConfigKeys.WORKER_LOG_MAX_FILES);
        if (maxFiles > MAX_FILES_LIMIT) {
            throw new InvalidConfigException("Config key '" + ConfigKeys.WORKER_LOG_MAX_FILES.name() + "' must be at "
                    + "most " + MAX_FILES_LIMIT + " (logback rolls at most 20 old files), but got " + maxFiles);
        }
        String custom = conf.getString(ConfigKeys.WORKER_LOGBACK_CONF);
        String logbackConf = BUILT_IN_CONF;
        if (custom != null && !custom.isBlank()) {
            Path file = Path.of(custom).toAbsolutePath();
            if (!Files.isRegularFile(file)) {
                throw new InvalidConfigException("Config key '" + ConfigKeys.WORKER_LOGBACK_CONF.name() + "' names "
                        + file + ", which is not a file: give a logback configuration file, or unset it for the "
                        + "built-in one");
            }
            logbackConf = file.toString();
        }
        return new WorkerLogOptions(Path.of(conf.getString(ConfigKeys.WORKER_LOGS_DIR)).toAbsolutePath(),
                conf.getInt(ConfigKeys.WORKER_LOG_MAX_FILE_SIZE_MB), maxFiles, logbackConf);
    }

    /** The worker's log, the file logback writes. */
    Path logFile(String topologyId, int port) {
        return logsDir.resolve("worker-" + topologyId + "-" + port + ".log");
    }

    /** The file the worker process's own standard output and error are appended to. */
    Path outFile(String topologyId, int port) {
        return logsDir.resolve("worker-" + topologyId + "-" + port + ".out");
    }

    /** The JVM options that set up the worker's logging. */
    List<String> jvmOptions(String topologyId, int port) {
        return List.of("-Dlogback.configurationFile=" + logbackConf,
                "-Dsquall.worker.log.file=" + logFile(topologyId, port),
                "-Dsquall.worker.log.max.file.size=" + maxFileSizeMb + "MB",
                "-Dsquall.worker.log.max.index=" + (maxFiles - 1));
    }
}
