package io.squall.daemon.logviewer;

import io.squall.config.ConfigKeys;
import io.squall.config.DaemonConfig;
import io.squall.security.SecuritySettings;
import io.squall.security.TlsFiles;
import io.squall.utils.NimbusClient;

import java.nio.file.Path;
import java.util.List;

/**
 * What a logviewer serves and how. Immutable.
 *
 * @param root              the log root ({@code squall.logs.dir})
 * @param host              the address to bind ({@code logviewer.host})
 * @param port              the port to bind, 0 for a free one ({@code logviewer.port})
 * @param maxPageBytes      {@code logviewer.max.page.bytes}
 * @param maxScanBytes      {@code logviewer.search.max.scan.bytes}
 * @param requireCredential whether every request must carry a token (authentication is on)
 * @param tls               the TLS files, or null for plain HTTP
 * @param access            who may read which file
 * @param cleanup           when to delete old worker logs, or null to delete none
 */
public record LogviewerSettings(Path root, String host, int port, int maxPageBytes, long maxScanBytes,
                                boolean requireCredential, TlsFiles tls, LogAccess access,
                                LogCleaner.Settings cleanup) {

    /** Settings for tests and local use: no security, the default limits, no cleanup. */
    public static LogviewerSettings open(Path root, String host, int port) {
        return new LogviewerSettings(root, host, port, (Integer) ConfigKeys.LOGVIEWER_MAX_PAGE_BYTES.defaultValue(),
                ((Number) ConfigKeys.LOGVIEWER_SEARCH_MAX_SCAN_BYTES.defaultValue()).longValue(), false, null,
                LogAccess.OPEN, null);
    }

    /** These settings with {@code cleanup} instead. */
    public LogviewerSettings withCleanup(LogCleaner.Settings cleanup) {
        return new LogviewerSettings(root, host, port, maxPageBytes, maxScanBytes, requireCredential, tls, access,
                cleanup);
    }

    /**
     * The settings of a daemon's configuration. With authentication on ({@code squall.auth.users.file} and
     * {@code squall.cluster.secret.file}) every request needs a token and Nimbus decides who reads what
     * ({@link NimbusLogAccess}).
     *
     * @throws io.squall.security.SecurityConfigException if it would serve a non-loopback address without
     *                                                   authentication and {@code squall.insecure} is not set
     */
    public static LogviewerSettings of(DaemonConfig conf) {
        SecuritySettings s = SecuritySettings.of(conf);
        String host = conf.getString(ConfigKeys.LOGVIEWER_HOST);
        s.checkBind("The logviewer", host, s.authenticates(), "squall.auth.users.file and squall.cluster.secret.file");
        LogAccess access = s.authenticates()
                ? new NimbusLogAccess(NimbusClient.of(conf), s.admins(), strings(conf, ConfigKeys.LOGS_USERS.name()))
                : LogAccess.OPEN;
        return new LogviewerSettings(Path.of(conf.getString(ConfigKeys.WORKER_LOGS_DIR)), host,
                conf.getInt(ConfigKeys.LOGVIEWER_PORT), conf.getInt(ConfigKeys.LOGVIEWER_MAX_PAGE_BYTES),
                ((Number) conf.asMap().get(ConfigKeys.LOGVIEWER_SEARCH_MAX_SCAN_BYTES.name())).longValue(),
                s.authenticates(), s.tls(), access, LogCleaner.Settings.of(conf));
    }

    private static List<String> strings(DaemonConfig conf, String key) {
        return conf.asMap().get(key) instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }
}
