package io.squall;

import io.squall.config.ConfigKeys;
import io.squall.config.DaemonConfig;
import io.squall.config.TopologySettings;
import io.squall.errors.SquallException;
import io.squall.topology.Credentials;
import io.squall.topology.InvalidTopologyException;
import io.squall.topology.StormTopology;
import io.squall.topology.SubmitOptions;
import io.squall.topology.TopologyInitialStatus;
import io.squall.utils.NimbusClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Submits a topology from a user's {@code main}. Under {@code bin/squall local} the topology runs in this
 * JVM, in the {@link LocalCluster} the launcher installed; under {@code bin/squall jar}, or in any JVM that sets
 * Storm's {@code storm.jar} property to the topology's JAR, it goes to the configured cluster's Nimbus.
 */
public final class SquallSubmitter {
    private static final Logger LOG = LoggerFactory.getLogger(SquallSubmitter.class);
    /** Storm's system property naming the topology JAR to submit with. */
    public static final String JAR_PROPERTY = "storm.jar";
    private static final AtomicReference<LocalCluster> LOCAL_OVERRIDE = new AtomicReference<>();
    private static volatile Remote clusterOverride;
    private static volatile List<String> commandLineOverrides = List.of();

    private SquallSubmitter() {
    }

    /**
     * Listens to the upload of a topology's JAR to Nimbus (Storm's): told when it starts, how far it got and when it
     * is done. The JAR goes up in one request, so {@code onProgress} comes once, with every byte.
     */
    public interface ProgressListener {
        /** The upload of {@code srcFile} (as {@code targetFile} on Nimbus) of {@code totalBytes} starts. */
        void onStart(String srcFile, String targetFile, long totalBytes);

        /** {@code bytesUploaded} of {@code totalBytes} are up. */
        void onProgress(String srcFile, String targetFile, long bytesUploaded, long totalBytes);

        /** The upload is done. */
        void onCompleted(String srcFile, String targetFile, long totalBytes);
    }

    /**
     * Submits a topology, active.
     *
     * @throws io.squall.topology.AlreadyAliveException    if a topology of that name runs
     * @throws io.squall.topology.InvalidTopologyException if it cannot run, naming why
     */
    public static void submitTopology(String name, Map<String, Object> conf, StormTopology topology) {
        submitTopology(name, conf, topology, null, null);
    }

    /** Submits a topology with Storm's options: {@code INACTIVE} starts it with its spouts deactivated. */
    public static void submitTopology(String name, Map<String, Object> conf, StormTopology topology,
                                      SubmitOptions opts) {
        submitTopology(name, conf, topology, opts, null);
    }

    /**
     * Submits a topology with Storm's options, telling {@code progressListener} (if not null) how the JAR's upload
     * goes; a topology run in this JVM uploads nothing.
     */
    public static void submitTopology(String name, Map<String, Object> conf, StormTopology topology,
                                      SubmitOptions opts, ProgressListener progressListener) {
        Map<String, Object> topoConf = new HashMap<>(conf == null ? Map.of() : conf);
        // As with Storm, "-c key=value" on the command line overrides the topology's own setting. Keys that
        // configure Squall's daemons and commands (nimbus.seeds...) stay with the command.
        DaemonConfig.parseOverrides(commandLineOverrides).forEach((k, v) -> {
            if (k.startsWith("topology.") || ConfigKeys.get(k) == null) {
                topoConf.put(k, v);
            }
        });
        boolean active = opts == null || opts.get_initial_status() != TopologyInitialStatus.INACTIVE;
        LocalCluster local = LOCAL_OVERRIDE.get();
        if (local != null) {
            if (opts == null) {
                local.submitTopology(name, topoConf, topology, Thread.currentThread().getContextClassLoader());
            } else {
                local.submitTopologyWithOpts(name, topoConf, topology, opts); // Its status and credentials.
            }
            return;
        }
        Remote remote = clusterOverride != null ? clusterOverride : remoteOfJarProperty();
        if (remote == null) {
            throw new SquallException("No cluster to submit topology '" + name + "' to: submit it with "
                    + "'bin/squall jar JAR CLASS' (cluster) or -Dstorm.jar=JAR, or run it with 'bin/squall local JAR "
                    + "CLASS' (this JVM)");
        }
        if (topology == null) {
            throw new InvalidTopologyException("Topology '" + name + "' is null: pass builder.createTopology()");
        }
        TopologySettings.from(topoConf);
        try (NimbusClient nimbus = NimbusClient.of(remote.conf())) {
            String uploadId = upload(nimbus, remote.jar(), progressListener);
            Map<String, Object> answer = nimbus.submitUploaded(name, uploadId, topoConf, topology, active,
                    opts == null || !opts.is_set_creds() ? Map.of() : opts.get_creds().get_creds());
            LOG.info("Submitted topology {} as {}{}", name, answer.get("id"), active ? "" : ", inactive");
            SubmitterHooks.notify(name, topoConf, topology, () -> nimbus.getClient().getTopologyInfo(String.valueOf(
                    answer.get("id"))));
            if (answer.get("workers") instanceof Number got && answer.get("workersRequested") instanceof Number asked
                    && got.intValue() < asked.intValue()) {
                LOG.warn("Topology {} runs on {} of the {} workers it asked for (not enough free slots, or fewer "
                        + "executors than workers); Nimbus adds workers as slots free up", name, got, asked);
            }
        } catch (IOException e) {
            throw new SquallException("Cannot submit topology '" + name + "': " + e.getMessage(), e);
        }
    }

    /**
     * Gives a running topology new credentials (Storm's {@code pushCredentials}): its {@code ICredentialsListener}
     * spouts and bolts are told of them on their executors' threads. Goes to the in-process cluster when there is one,
     * else to the Nimbus of {@code topoConf} over this JVM's configuration.
     *
     * @return false, pushing nothing, when {@code credentials} is empty
     * @throws io.squall.topology.NotAliveException      if no topology of that name runs
     * @throws io.squall.topology.AuthorizationException if the caller may not operate it
     */
    public static boolean pushCredentials(String name, Map<String, Object> topoConf, Map<String, String> credentials) {
        return pushCredentials(name, topoConf, credentials, null);
    }

    /**
     * {@link #pushCredentials(String, Map, Map)}, refused ({@code AuthorizationException}) unless the topology is
     * owned by {@code expectedUser} (when not null).
     */
    public static boolean pushCredentials(String name, Map<String, Object> topoConf, Map<String, String> credentials,
                                          String expectedUser) {
        if (credentials == null || credentials.isEmpty()) {
            LOG.warn("No credentials to push to {}", name);
            return false;
        }
        Credentials creds = new Credentials(credentials);
        creds.set_topoOwner(expectedUser);
        LocalCluster local = LOCAL_OVERRIDE.get();
        if (local != null) {
            local.uploadNewCredentials(name, creds);
        } else {
            try (NimbusClient nimbus = NimbusClient.getConfiguredClient(topoConf == null ? Map.of() : topoConf)) {
                LOG.info("Uploading new credentials to {}", name);
                nimbus.getClient().uploadNewCredentials(name, creds);
            }
        }
        return true;
    }

    /**
     * Storm's submission as another user: Squall's Nimbus has no impersonation, so the topology is submitted as the
     * user of this JVM's credentials, whatever {@code asUser} says.
     */
    public static void submitTopologyAs(String name, Map<String, Object> conf, StormTopology topology,
                                        SubmitOptions opts, ProgressListener progressListener, String asUser) {
        submitTopology(name, conf, topology, opts, progressListener);
    }

    /** Storm's variant with a progress bar: the JAR's upload is logged as it goes. */
    public static void submitTopologyWithProgressBar(String name, Map<String, Object> conf, StormTopology topology) {
        submitTopologyWithProgressBar(name, conf, topology, null);
    }

    /** Storm's variant with a progress bar and options. */
    public static void submitTopologyWithProgressBar(String name, Map<String, Object> conf, StormTopology topology,
                                                     SubmitOptions opts) {
        submitTopology(name, conf, topology, opts, new ProgressListener() {
            @Override
            public void onStart(String srcFile, String targetFile, long totalBytes) {
                LOG.info("Uploading {} ({} bytes)", srcFile, totalBytes);
            }

            @Override
            public void onProgress(String srcFile, String targetFile, long bytesUploaded, long totalBytes) {
                LOG.info("Uploaded {} of {} bytes of {}", bytesUploaded, totalBytes, srcFile);
            }

            @Override
            public void onCompleted(String srcFile, String targetFile, long totalBytes) {
                LOG.info("Uploaded {} to Nimbus as {}", srcFile, targetFile);
            }
        });
    }

    /**
     * Uploads a topology JAR to the Nimbus of {@code conf} (over this JVM's configuration) and returns its location
     * there (the upload id a submission names), as Storm's {@code submitJar}.
     */
    public static String submitJar(Map<String, Object> conf, String localJar) {
        return submitJar(conf, localJar, null);
    }

    /** {@link #submitJar(Map, String)}, telling {@code listener} (if not null) how the upload goes. */
    public static String submitJar(Map<String, Object> conf, String localJar, ProgressListener listener) {
        if (localJar == null) {
            throw new SquallException("No JAR to upload: pass the topology JAR's path (Storm's storm.jar)");
        }
        try (NimbusClient nimbus = NimbusClient.getConfiguredClient(conf == null ? Map.of() : conf)) {
            return upload(nimbus, Path.of(localJar), listener);
        } catch (IOException e) {
            throw new SquallException("Cannot upload " + localJar + ": " + e.getMessage(), e);
        }
    }

    private static String upload(NimbusClient nimbus, Path jar, ProgressListener listener) throws IOException {
        long size = java.nio.file.Files.size(jar);
        if (listener != null) {
            listener.onStart(jar.toString(), "", size);
        }
        String uploadId = nimbus.uploadJar(jar);
        if (listener != null) {
            listener.onProgress(jar.toString(), uploadId, size, size);
            listener.onCompleted(jar.toString(), uploadId, size);
        }
        return uploadId;
    }

    /**
     * The cluster of this JVM's configuration ({@code squall.conf.file}) and the JAR named by the system property
     * {@code storm.jar}, or null when it is not set. Storm's submitter sends a topology there when a program sets
     * the property itself instead of running under the {@code jar} command, as test harnesses that submit from
     * their own JVM do.
     */
    static Remote remoteOfJarProperty() {
        String jar = System.getProperty(JAR_PROPERTY);
        return jar == null || jar.isBlank() ? null : new Remote(DaemonConfig.load(List.of()), Path.of(jar));
    }

    /** Where {@code bin/squall jar} sends submissions: the cluster's configuration and the topology JAR. */
    public record Remote(DaemonConfig conf, Path jar) { }

    /** Routes every submission of this JVM to a cluster (null to stop). Used by {@code bin/squall jar}. */
    public static void setClusterOverride(Remote remote) {
        clusterOverride = remote;
    }

    /**
     * The {@code key=value} options of {@code bin/squall local} or {@code jar}'s {@code -c}, applied over the
     * config of every topology this JVM submits ({@code topology.*} keys and keys Squall does not know).
     */
    public static void setCommandLineOverrides(List<String> overrides) {
        commandLineOverrides = List.copyOf(overrides);
    }

    /** Whether submissions go to an in-process cluster (an open {@link LocalCluster}, {@code bin/squall local}). */
    public static boolean isLocalOverride() {
        return LOCAL_OVERRIDE.get() != null;
    }

    /** Routes every submission of this JVM to {@code cluster} (null to stop). Used by {@code bin/squall local}. */
    public static void setLocalOverride(LocalCluster cluster) {
        LOCAL_OVERRIDE.set(cluster);
    }

    /**
     * Makes {@code cluster} where this JVM's submissions go unless another in-process cluster is already; what a
     * {@link LocalCluster} does when it is made, as Storm's sends {@code StormSubmitter}'s submissions to itself.
     */
    static void claimLocalOverride(LocalCluster cluster) {
        LOCAL_OVERRIDE.compareAndSet(null, cluster);
    }

    /** Stops routing submissions to {@code cluster} if they go there; what a {@link LocalCluster} does when closed. */
    static void releaseLocalOverride(LocalCluster cluster) {
        LOCAL_OVERRIDE.compareAndSet(cluster, null);
    }

    /**
     * The in-process cluster that submissions go to ({@code bin/squall local}), or null: {@code NimbusClient} talks to
     * it then, as Storm's local mode makes its {@code NimbusClient} talk to the {@code LocalCluster}.
     */
    public static LocalCluster getLocalOverride() {
        return LOCAL_OVERRIDE.get();
    }
}
