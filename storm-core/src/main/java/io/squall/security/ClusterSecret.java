package io.squall.security;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The secret the daemons of one cluster share (Nimbus, supervisors and the workers they start), read from the file
 * named by {@code squall.cluster.secret.file}. Every other secret derives from it with HMAC-SHA256 under a purpose
 * label, so one file is all an operator manages:
 *
 * <ul>
 *   <li>{@link #topologySecret}: the per-topology secret Nimbus issues to a topology's workers; it signs their
 *       metrics reports and authenticates their connections to each other;</li>
 *   <li>{@link #daemonToken}: the credential supervisors and the dashboard present to Nimbus's API;</li>
 *   <li>{@link #zookeeperPassword}: the password of the ZooKeeper digest that owns Squall's znodes.</li>
 * </ul>
 *
 * Immutable and thread-safe. {@link #toString} never shows the secret.
 */
public final class ClusterSecret {
    /** The fewest bytes a cluster secret file must hold. */
    public static final int MIN_BYTES = 16;

    private final byte[] key;

    private ClusterSecret(byte[] key) {
        this.key = key.clone();
    }

    /** A secret of the given bytes (at least {@link #MIN_BYTES}). */
    public static ClusterSecret of(byte[] key) {
        if (key.length < MIN_BYTES) {
            throw new SecurityConfigException("A cluster secret must hold at least " + MIN_BYTES + " bytes, got "
                    + key.length + "; make one with bin/squall dev-certs or `head -c 32 /dev/urandom | base64`");
        }
        return new ClusterSecret(key);
    }

    /**
     * Reads a secret file: its content, surrounding whitespace removed.
     *
     * @throws SecurityConfigException naming the file if it cannot be read or is too short
     */
    public static ClusterSecret read(Path file) {
        try {
            byte[] bytes = Files.readString(file, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
            if (bytes.length < MIN_BYTES) {
                throw new SecurityConfigException("The cluster secret file " + file + " holds " + bytes.length
                        + " bytes; it needs at least " + MIN_BYTES + " (for example `head -c 32 /dev/urandom | base64 > "
                        + file.getFileName() + "`)");
            }
            return new ClusterSecret(bytes);
        } catch (IOException e) {
            throw new SecurityConfigException("Cannot read the cluster secret file " + file + " (squall.cluster.secret"
                    + ".file): " + e.getMessage());
        }
    }

    /** A new random secret, base64, for a new secret file. */
    public static String generate() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return java.util.Base64.getEncoder().encodeToString(b);
    }

    /** The secret Nimbus issues to the workers of {@code topologyId}. */
    public byte[] topologySecret(String topologyId) {
        return hmac(key, ("topology:" + topologyId).getBytes(StandardCharsets.UTF_8));
    }

    /** The bearer token of the cluster's own daemons at Nimbus's API. */
    public String daemonToken() {
        return TokenStore.DAEMON_USER + "." + HexFormat.of().formatHex(hmac(key,
                "daemon-token".getBytes(StandardCharsets.UTF_8)));
    }

    /** The password of ZooKeeper digest user {@code squall}. */
    public String zookeeperPassword() {
        return HexFormat.of().formatHex(hmac(key, "zookeeper".getBytes(StandardCharsets.UTF_8)));
    }

    /** HMAC-SHA256 of {@code data} under {@code key}. */
    public static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    /** Whether {@code signature} is the HMAC of {@code data} under {@code key}, compared in constant time. */
    public static boolean verify(byte[] key, byte[] data, byte[] signature) {
        return signature != null && MessageDigest.isEqual(hmac(key, data), signature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClusterSecret c && MessageDigest.isEqual(key, c.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "ClusterSecret(hidden)";
    }
}
