package io.squall.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * How a worker signs what it sends Nimbus (its metrics snapshots) with its topology's secret, and how Nimbus
 * checks it. The signature is HMAC-SHA256(topology secret, TIME + "\n" + BODY), sent as hex in
 * {@value #SIGNATURE_HEADER} with the topology id in {@value #TOPOLOGY_HEADER} and TIME (epoch ms) in
 * {@value #TIME_HEADER}; a signature older or newer than {@value #MAX_SKEW_MS} ms is refused, so a captured
 * report cannot be replayed later. Stateless.
 */
public final class WorkerSignature {
    /** The header naming the signing topology. */
    public static final String TOPOLOGY_HEADER = "X-Squall-Topology";
    /** The header with the signing time, epoch milliseconds. */
    public static final String TIME_HEADER = "X-Squall-Time";
    /** The header with the signature, hex. */
    public static final String SIGNATURE_HEADER = "X-Squall-Signature";
    /** The most a signing time may differ from the checker's clock. */
    public static final long MAX_SKEW_MS = 300_000;

    private WorkerSignature() {
    }

    /** The hex signature of {@code body} at {@code timeMs} under {@code topologySecret}. */
    public static String sign(byte[] topologySecret, long timeMs, byte[] body) {
        return HexFormat.of().formatHex(ClusterSecret.hmac(topologySecret, data(timeMs, body)));
    }

    /**
     * Why a signed body is refused, or null if it is good.
     *
     * @param time      the {@value #TIME_HEADER} value, or null
     * @param signature the {@value #SIGNATURE_HEADER} value, or null
     */
    public static String check(byte[] topologySecret, String time, String signature, byte[] body, long nowMs) {
        if (time == null || signature == null) {
            return "the request is not signed (headers " + TIME_HEADER + " and " + SIGNATURE_HEADER + ")";
        }
        long t;
        byte[] sig;
        try {
            t = Long.parseLong(time);
            sig = HexFormat.of().parseHex(signature);
        } catch (IllegalArgumentException e) {
            return "the signature headers are malformed";
        }
        if (Math.abs(nowMs - t) > MAX_SKEW_MS) {
            return "the signature is from " + t + ", more than " + MAX_SKEW_MS / 1000 + " s from now (" + nowMs
                    + "); check the clocks";
        }
        if (!MessageDigest.isEqual(ClusterSecret.hmac(topologySecret, data(t, body)), sig)) {
            return "the signature does not match the topology's secret";
        }
        return null;
    }

    private static byte[] data(long timeMs, byte[] body) {
        byte[] prefix = (timeMs + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(body, 0, all, prefix.length, body.length);
        return all;
    }
}
