package io.squall.security;

import io.squall.config.ConfigKeys;
import io.squall.config.DaemonConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A daemon's or client's security settings, read once from its configuration: the cluster secret
 * ({@code squall.cluster.secret.file}), the users file ({@code squall.auth.users.file}), the TLS files
 * ({@code squall.tls.*}), the admins and whether running unprotected is intended ({@code squall.insecure}).
 * Each part is null when not configured; local mode configures none. The secrets are read from their files and
 * never held in the configuration itself, so they never reach logs or a topology's stored config. Immutable.
 *
 * @param secret   the cluster secret, or null
 * @param usersFile the users file, or null
 * @param tls      the TLS files, or null
 * @param admins   {@code nimbus.admins}
 * @param insecure {@code squall.insecure}
 */
public record SecuritySettings(ClusterSecret secret, Path usersFile, TlsFiles tls, List<String> admins,
                               boolean insecure) {
    private static final Logger LOG = LoggerFactory.getLogger(SecuritySettings.class);

    /** No security: local mode and tests of other things. */
    public static final SecuritySettings NONE = new SecuritySettings(null, null, null, List.of(), false);

    /**
     * Reads the settings of a configuration, checking that the files it names can be read.
     *
     * @throws SecurityConfigException naming the key and file that is wrong
     */
    public static SecuritySettings of(DaemonConfig conf) {
        return of(conf.asMap());
    }

    /** As {@link #of(DaemonConfig)}, from a raw configuration map. */
    public static SecuritySettings of(Map<String, Object> conf) {
        String secretFile = string(conf, ConfigKeys.SQUALL_CLUSTER_SECRET_FILE.name());
        String users = string(conf, ConfigKeys.SQUALL_AUTH_USERS_FILE.name());
        TlsFiles tls = tlsFiles(conf);
        Object admins = conf.get(ConfigKeys.NIMBUS_ADMINS.name());
        return new SecuritySettings(secretFile == null ? null : ClusterSecret.read(path(secretFile)),
                path(users), tls,
                admins instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(),
                Boolean.TRUE.equals(conf.get(ConfigKeys.SQUALL_INSECURE.name())));
    }

    /**
     * The TLS files of a configuration, or null when TLS is off; reads no secret, so clients without access to
     * the cluster secret can call it.
     */
    public static TlsFiles tlsFiles(Map<String, Object> conf) {
        String cert = string(conf, ConfigKeys.SQUALL_TLS_CERT.name());
        String key = string(conf, ConfigKeys.SQUALL_TLS_KEY.name());
        String ca = string(conf, ConfigKeys.SQUALL_TLS_CA.name());
        return cert == null && key == null && ca == null ? null : new TlsFiles(path(cert), path(key), path(ca),
                TlsFiles.Provider.of(string(conf, ConfigKeys.SQUALL_TLS_PROVIDER.name())));
    }

    private static String string(Map<String, Object> conf, String key) {
        Object v = conf.get(key);
        return v == null || String.valueOf(v).isBlank() ? null : String.valueOf(v);
    }

    private static Path path(String s) {
        return s == null ? null : ClientCredentials.expandHome(s);
    }

    /** Whether Nimbus and DRPC authenticate users: a users file and a cluster secret are both set. */
    public boolean authenticates() {
        return usersFile != null && secret != null;
    }

    /**
     * The users' token store, with the daemons' token.
     *
     * @throws SecurityConfigException if authentication is not fully configured or the users file is bad
     */
    public TokenStore tokenStore() {
        if (!authenticates()) {
            throw new SecurityConfigException("Authentication needs both squall.auth.users.file and "
                    + "squall.cluster.secret.file");
        }
        return TokenStore.read(usersFile, secret.daemonToken());
    }

    /** The authorizer: enforcing with {@code nimbus.admins} when authentication is on, else open. */
    public Authorizer authorizer() {
        return authenticates() ? Authorizer.withAdmins(admins) : Authorizer.OPEN;
    }

    /**
     * Refuses to let a daemon serve a non-loopback address without the protection it needs, unless
     * {@code squall.insecure} is true (then it says so in the log).
     *
     * @param daemon    the daemon, for the message ("Nimbus")
     * @param host      the address it binds
     * @param guarded whether the daemon's own protection is configured (authentication, or the cluster secret
     *                  for workers and ZooKeeper)
     * @param needs     what to configure, for the message
     * @throws SecurityConfigException saying why it will not start and what to do
     */
    public void checkBind(String daemon, String host, boolean guarded, String needs) {
        if (guarded || isLoopback(host)) {
            return;
        }
        if (insecure) {
            LOG.warn("{} serves {} without authentication because squall.insecure is true: anyone who reaches it "
                    + "can act on the cluster", daemon, host);
            return;
        }
        throw new SecurityConfigException(daemon + " would serve " + host + ", which is not a loopback address, "
                + "without authentication: anyone who reaches it could act on the cluster. Set " + needs
                + " (see the README's Security section), bind 127.0.0.1, or set squall.insecure: true to run "
                + "unprotected on purpose.");
    }

    /** Whether {@code host} names only this machine. An unknown host counts as not loopback. */
    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "SecuritySettings(auth " + authenticates() + ", tls " + (tls != null) + ", admins " + admins
                + ", insecure " + insecure + ")";
    }
}
