package io.squall.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a client ({@code bin/squall}, {@code SquallSubmitter}, {@code NimbusClient}) finds its bearer token: the
 * {@code SQUALL_TOKEN} environment variable, else the first line of the credentials file
 * ({@code squall.credentials.file}, by default {@code ~/.squall/credentials}) that is neither blank nor a
 * {@code #} comment. Never from the command line, where other users of the machine could read it.
 */
public final class ClientCredentials {
    /** The environment variable holding a token. */
    public static final String ENV = "SQUALL_TOKEN";

    private ClientCredentials() {
    }

    /**
     * The token, or null if there is none.
     *
     * @param credentialsFile the file to read, {@code ~} standing for the home directory; null for none
     * @param env             the environment ({@code System.getenv()})
     * @throws SecurityConfigException if the file exists but cannot be read
     */
    public static String token(String credentialsFile, Map<String, String> env) {
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        if (credentialsFile == null || credentialsFile.isBlank()) {
            return null;
        }
        Path file = expandHome(credentialsFile);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    return l;
                }
            }
            return null;
        } catch (IOException e) {
            throw new SecurityConfigException("Cannot read the credentials file " + file + ": " + e.getMessage());
        }
    }

    /** {@code path} with a leading {@code ~} replaced by the user's home directory. */
    public static Path expandHome(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + path.substring(1));
        }
        return Path.of(path);
    }
}
