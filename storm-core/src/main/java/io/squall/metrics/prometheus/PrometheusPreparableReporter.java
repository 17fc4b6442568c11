package io.squall.metrics.prometheus;

import com.codahale.metrics.MetricRegistry;
import io.squall.config.ConfigKey;
import io.squall.config.ConfigKeys;
import io.squall.config.InvalidConfigException;
import io.squall.daemon.metrics.reporters.PreparableReporter;
import io.squall.daemon.metrics.reporters.ReporterSettings;
import io.squall.metrics.report.PrometheusFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Storm's storm-metrics-prometheus reporter: pushes a daemon's metrics (Nimbus's cluster summary, a supervisor's,
 * a DRPC server's) to a Prometheus Pushgateway every {@code storm.daemon.metrics.reporter.interval.secs}, in the
 * Prometheus text format ({@code summary.cluster:num-supervisors} becomes {@code summary_cluster_num_supervisors}, as
 * Storm's names it). Name it in {@code storm.daemon.metrics.reporter.plugins}; its settings are Storm's
 * ({@code storm.daemon.metrics.reporter.plugin.prometheus.endpoint}, {@code .scheme}, {@code .job},
 * {@code .basic_auth_user}, {@code .basic_auth_password}, {@code .skip_tls_validation}).
 *
 * <p>Unlike Storm's, it pushes every metric of the daemon (meters as {@code _total} counters and one-minute rates,
 * timers as summaries), under the job and an {@code instance} label naming the daemon ({@code nimbus@host:port}), so
 * daemons do not replace each other's metrics; a scheme other than http or https is refused at start rather than
 * replaced by http; and a Pushgateway that is down or refuses a push is logged once (and once again when it
 * answers), never failing the daemon.
 */
public class PrometheusPreparableReporter implements PreparableReporter {
    private static final Logger LOG = LoggerFactory.getLogger(PrometheusPreparableReporter.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private MetricRegistry registry;
    private HttpClient http;
    private URI uri;
    private String authorization;
    private int intervalSecs;
    private ScheduledExecutorService pusher;
    /** Whether the last push failed (logged once per outage). Pusher thread only. */
    private boolean failing;

    @Override
    public void prepare(MetricRegistry metricsRegistry, Map<String, Object> daemonConf) {
        this.registry = metricsRegistry;
        String scheme = string(daemonConf, ConfigKeys.STORM_DAEMON_METRICS_REPORTER_PLUGIN_PROMETHEUS_SCHEME);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidConfigException(ConfigKeys.STORM_DAEMON_METRICS_REPORTER_PLUGIN_PROMETHEUS_SCHEME.name()
                    + " is '" + scheme + "': give http or https");
        }
        String endpoint = string(daemonConf, ConfigKeys.STORM_DAEMON_METRICS_REPORTER_PLUGIN_PROMETHEUS_ENDPOINT);
        String job = string(daemonConf, ConfigKeys.STORM_DAEMON_METRICS_REPORTER_PLUGIN_PROMETHEUS_JOB);
        String instance = string(daemonConf, ConfigKeys.STORM_DAEMON_METRICS_REPORTER_PLUGIN_PROMETHEUS_INSTANCE);
        // Label values in base64 (the Pushgateway's "@base64" form): an instance has ':' and '@', a job may have '/'.
        String path = "/metrics/job@base64/" + base64(job) + (instance == null ? "" : "/instance@base64/"
                + base64(instance));
        try {
            this.uri = new URI(scheme + "://" + endpoint + path);
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new IllegalArgumentException("no host:port");
            }
        } catch (Exception e) {
            throw new InvalidConfigException(ConfigKeys.STORM_DAEMON_METRICS_REPORTER_PLUGIN_PROMETHEUS_ENDPOINT.name()
                    + " is '" + endpoint + "': give the Pushgateway's host:port, such as localhost:9091");
        }
        String user = string(daemonConf, ConfigKeys.STORM_DAEMON_METRICS_REPORTER_PLUGIN_PROMETHEUS_BASIC_AUTH_USER);
        String password = string(daemonConf,
                ConfigKeys.STORM_DAEMON_METRICS_REPORTER_PLUGIN_PROMETHEUS_BASIC_AUTH_PASSWORD);
        if (user != null && !user.isBlank() && password != null && !password.isBlank()) {
            authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
        }
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(TIMEOUT);
        if (scheme.equals("https") && Boolean.TRUE.equals(daemonConf.get(
                ConfigKeys.STORM_DAEMON_METRICS_REPORTER_PLUGIN_PROMETHEUS_SKIP_TLS_VALIDATION.name()))) {
            b.sslContext(trustingEveryone());
        }
        this.http = b.build();
        this.intervalSecs = ReporterSettings.intervalSecs(daemonConf);
    }

    private static String string(Map<String, Object> conf, ConfigKey key) {
        Object v = conf.getOrDefault(key.name(), key.defaultValue());
        return v == null ? null : String.valueOf(v);
    }

    private static String base64(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void start() {
        if (http == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " used before prepare");
        }
        pusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "daemon-metrics-prometheus");
            t.setDaemon(true);
            return t;
        });
        pusher.scheduleWithFixedDelay(this::push, 0, intervalSecs, TimeUnit.SECONDS);
    }

    /** Pushes the registry now (the pusher thread, and a last time at {@link #stop}). */
    void push() {
        try {
            HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                    .header("Content-Type", PrometheusFormat.CONTENT_TYPE)
                    .PUT(HttpRequest.BodyPublishers.ofString(PrometheusFormat.write(registry), StandardCharsets.UTF_8));
            if (authorization != null) {
                req.header("Authorization", authorization);
            }
            HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() / 100 != 2) {
                failed("the Pushgateway answered " + res.statusCode() + ": " + res.body().strip());
            } else if (failing) {
                failing = false;
                LOG.info("Pushing this daemon's metrics to {} works again", uri);
            }
        } catch (IOException e) {
            failed("cannot reach the Pushgateway: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failed(e.toString());
        }
    }

    private void failed(String why) {
        if (!failing) {
            failing = true;
            LOG.warn("Cannot push this daemon's metrics to {}: {}; retrying every {} s", uri, why, intervalSecs);
        }
    }

    @Override
    public void stop() {
        if (pusher == null) {
            return;
        }
        pusher.shutdownNow();
        try {
            pusher.awaitTermination(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!failing) {
            push(); // A last push, unless the gateway is down: the daemon's stop does not wait on it.
        }
    }

    /** Trusts any certificate for any host name: an extended manager, so the JDK adds no host name check of its own. */
    private static SSLContext trustingEveryone() {
        TrustManager any = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, new TrustManager[] {any}, null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No TLS in this JVM", e);
        }
    }
}
