package io.squall.cli;

import io.squall.config.ConfigKeys;
import io.squall.config.DaemonConfig;
import io.squall.security.ClientCredentials;
import io.squall.security.DevCerts;
import io.squall.security.SecurityConfigException;
import io.squall.security.TokenStore;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The security commands of {@code bin/squall}: {@code add-user NAME} (a new token, its hash appended to the users
 * file) and {@code dev-certs DIR [HOST...]} (a development CA, certificate and cluster secret).
 */
final class SecurityCommands {
    static final Map<String, String> HELP = new LinkedHashMap<>();

    static {
        HELP.put("add-user", "add-user NAME [-c key=value...]\n"
                + "        Makes a token for user NAME, appends its hash to squall.auth.users.file and prints the\n"
                + "        token once: NAME saves it in ~/.squall/credentials (or SQUALL_TOKEN). Restart Nimbus to\n"
                + "        load the new user.");
        HELP.put("dev-certs", "dev-certs DIR [HOST...]\n"
                + "        Writes a development CA (ca.pem), a certificate for localhost, 127.0.0.1 and the HOSTs\n"
                + "        (squall.pem, squall-key.pem) and, if DIR has none, a cluster secret (cluster.secret).");
    }

    private SecurityCommands() {
    }

    /** Runs a security command; returns the exit code. */
    static int run(String command, String[] rest, PrintStream out, PrintStream err) {
        CommandLine args = CommandLine.parse(rest, CommandLine.Spec.of());
        if (args.help()) {
            return Main.help(command, out);
        }
        try {
            return switch (command) {
                case "add-user" -> addUser(args, Main.config(args.overrides(), err), out);
                case "dev-certs" -> devCerts(args, out);
                default -> throw new IllegalStateException("not a security command: " + command);
            };
        } catch (SecurityConfigException | IOException e) {
            err.println("squall " + command + ": " + e.getMessage());
            return Main.FAILED;
        }
    }

    private static int addUser(CommandLine args, DaemonConfig conf, PrintStream out) throws IOException {
        if (args.positional().size() != 1) {
            throw new Main.UsageException("needs exactly one user name, got " + args.positional());
        }
        String user = args.positional().get(0);
        String file = conf.getString(ConfigKeys.SQUALL_AUTH_USERS_FILE);
        if (file == null || file.isBlank()) {
            throw new Main.UsageException("squall.auth.users.file is not set: name the users file in conf/squall.yaml "
                    + "or with -c squall.auth.users.file=PATH");
        }
        Path users = ClientCredentials.expandHome(file);
        if (Files.exists(users)) {
            for (String line : Files.readAllLines(users, StandardCharsets.UTF_8)) {
                if (line.startsWith(user + ":")) {
                    throw new Main.UsageException("user '" + user + "' is already in " + users + "; remove its line "
                            + "first to give it a new token");
                }
            }
        } else {
            if (users.toAbsolutePath().getParent() != null) {
                Files.createDirectories(users.toAbsolutePath().getParent());
            }
            Files.createFile(users);
            try {
                Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the directory's permissions protect the file.
            }
        }
        String token = TokenStore.newToken(user);
        Files.writeString(users, TokenStore.line(token) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        out.println("Added user " + user + " to " + users + ". Their token (shown only now):");
        out.println(token);
        out.println("They save it alone on one line of ~/.squall/credentials (chmod 600), or set SQUALL_TOKEN.");
        return Main.OK;
    }

    private static int devCerts(CommandLine args, PrintStream out) throws IOException {
        if (args.positional().isEmpty()) {
            throw new Main.UsageException("needs the directory to write to");
        }
        List<String> hosts = args.positional().subList(1, args.positional().size());
        Path dir = Path.of(args.positional().get(0));
        for (Path p : DevCerts.write(dir, hosts)) {
            out.println("Wrote " + p);
        }
        Path abs = dir.toAbsolutePath();
        out.println("In conf/squall.yaml:\n  squall.tls.cert: " + abs.resolve(DevCerts.CERT) + "\n  squall.tls.key: "
                + abs.resolve(DevCerts.KEY) + "\n  squall.tls.ca: " + abs.resolve(DevCerts.CA)
                + "\n  squall.cluster.secret.file: " + abs.resolve(DevCerts.SECRET));
        return Main.OK;
    }
}
