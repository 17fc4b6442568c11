package io.squall.security;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Users and the hashes of their bearer tokens, from the file named by {@code squall.auth.users.file}. A token is
 * {@code USER.SECRET}; the file keeps, one line per user, {@code USER:pbkdf2-sha256:ITERATIONS:SALT:HASH} (salt
 * and hash base64), so the file alone does not let anyone act as a user. Lines starting with {@code #} are
 * comments. {@code bin/squall add-user} writes the lines.
 *
 * <p>PBKDF2 is slow on purpose; a token that verified once is remembered by its SHA-256, so a client's later
 * requests cost a hash, not a key derivation. Thread-safe: the users are read once, the cache is concurrent.
 */
public final class TokenStore {
    /** The user name of the cluster's own daemons (see {@link ClusterSecret#daemonToken}); no file may use it. */
    public static final String DAEMON_USER = "squall-daemon";
    /** PBKDF2 iterations for new tokens. */
    static final int ITERATIONS = 100_000;
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_@-]{1,64}");
    private static final int MAX_REMEMBERED = 10_000;

    private record Entry(int iterations, byte[] salt, byte[] hash) { }

    private final Map<String, Entry> users;
    private final String daemonToken;
    /** SHA-256 of tokens that verified, to their user. */
    private final Map<String, String> verified = new ConcurrentHashMap<>();

    private TokenStore(Map<String, Entry> users, String daemonToken) {
        this.users = users;
        this.daemonToken = daemonToken;
    }

    /**
     * Reads a users file.
     *
     * @param daemonToken the token that authenticates as {@link #DAEMON_USER}, or null for none
     * @throws SecurityConfigException naming the file and line that is wrong
     */
    public static TokenStore read(Path file, String daemonToken) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SecurityConfigException("Cannot read the users file " + file + " (squall.auth.users.file): "
                    + e.getMessage() + "; create it with bin/squall add-user NAME");
        }
        Map<String, Entry> users = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(":");
            String where = "Line " + (i + 1) + " of the users file " + file;
            if (f.length != 5 || !"pbkdf2-sha256".equals(f[1])) {
                throw new SecurityConfigException(where + " must be USER:pbkdf2-sha256:ITERATIONS:SALT:HASH, as "
                        + "bin/squall add-user writes it");
            }
            if (!USER.matcher(f[0]).matches() || DAEMON_USER.equals(f[0])) {
                throw new SecurityConfigException(where + " names user '" + f[0] + "': a user name is 1 to 64 "
                        + "letters, digits, '_', '-' or '@', and not " + DAEMON_USER);
            }
            try {
                users.put(f[0], new Entry(Integer.parseInt(f[2]), Base64.getDecoder().decode(f[3]),
                        Base64.getDecoder().decode(f[4])));
            } catch (IllegalArgumentException e) {
                throw new SecurityConfigException(where + " has a bad iteration count, salt or hash: "
                        + e.getMessage());
            }
        }
        return new TokenStore(Map.copyOf(users), daemonToken);
    }

    /** The users of the file. */
    public java.util.Set<String> users() {
        return users.keySet();
    }

    /**
     * The user a token belongs to, if it is valid.
     *
     * @param token {@code USER.SECRET}, or null
     */
    public Optional<String> authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        if (daemonToken != null && MessageDigest.isEqual(daemonToken.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(DAEMON_USER);
        }
        String digest = sha256(token);
        String known = verified.get(digest);
        if (known != null) {
            return Optional.of(known);
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String user = token.substring(0, dot);
        Entry e = users.get(user);
        if (e == null || !MessageDigest.isEqual(e.hash(), pbkdf2(token.substring(dot + 1), e.salt(), e.iterations()))) {
            return Optional.empty();
        }
        if (verified.size() < MAX_REMEMBERED) {
            verified.put(digest, user);
        }
        return Optional.of(user);
    }

    /** A new token for {@code user}: {@code USER.} and 32 random bytes in hex. */
    public static String newToken(String user) {
        if (!USER.matcher(user).matches() || DAEMON_USER.equals(user)) {
            throw new SecurityConfigException("User name '" + user + "' must be 1 to 64 letters, digits, '_', '-' "
                    + "or '@', and not " + DAEMON_USER);
        }
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return user + "." + HexFormat.of().formatHex(b);
    }

    /** The users-file line of a token made by {@link #newToken}. */
    public static String line(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            throw new SecurityConfigException("A token is USER.SECRET");
        }
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return token.substring(0, dot) + ":pbkdf2-sha256:" + ITERATIONS + ":" + b64.encodeToString(salt) + ":"
                + b64.encodeToString(pbkdf2(token.substring(dot + 1), salt, ITERATIONS));
    }

    private static byte[] pbkdf2(String secret, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    s.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
