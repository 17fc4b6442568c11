package io.squall.cli;

import io.squall.blobstore.AtomicOutputStream;
import io.squall.blobstore.BlobStoreAclHandler;
import io.squall.blobstore.ClientBlobStore;
import io.squall.blobstore.InputStreamWithMeta;
import io.squall.blobstore.NimbusBlobStore;
import io.squall.config.DaemonConfig;
import io.squall.errors.SquallException;
import io.squall.topology.ReadableBlobMeta;
import io.squall.topology.SettableBlobMeta;
import io.squall.utils.NimbusClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code bin/squall blobstore}, Storm's command of that name: create, update, read, list and delete the blobs of
 * Nimbus's blob store, and set their ACLs, with the user's credentials. Exit codes as in {@link Main}.
 */
final class BlobCommands {
    static final String HELP = "blobstore create [-f FILE] [-a ACL,...] [--replication-factor N] KEY\n"
            + "        | update [-f FILE] KEY | cat [-f FILE] KEY | list [KEY...] | delete KEY | set-acl [-s ACL,...] KEY\n"
            + "        [-c key=value...]\n"
            + "        The blob store: create a blob KEY from FILE (or standard input) with ACLs such as u:alice:rwa,o::r--,\n"
            + "        update it, write it to FILE (or standard output), list keys with version and ACL, delete a blob,\n"
            + "        or replace its ACL. Topologies name blobs in topology.blobstore.map.";
    private static final CommandLine.Spec SPEC = CommandLine.Spec.of("-f", "--file", "-a", "--acl",
            "--replication-factor", "-s", "--set");

    private BlobCommands() {
    }

    /** Runs {@code blobstore ARGS}; returns the exit code. */
    static int run(String[] rest, InputStream in, PrintStream out, PrintStream err) {
        CommandLine args = CommandLine.parse(rest, SPEC);
        if (args.help() || args.positional().isEmpty()) {
            if (!args.help()) {
                throw new Main.UsageException("needs a subcommand: create, update, cat, list, delete or set-acl");
            }
            return Main.help("blobstore", out);
        }
        String sub = args.positional().get(0);
        List<String> keys = args.positional().subList(1, args.positional().size());
        DaemonConfig conf = Main.config(args.overrides(), err);
        try (ClientBlobStore store = new NimbusBlobStore(NimbusClient.of(conf))) {
            switch (sub) {
                case "create" -> {
                    SettableBlobMeta meta = new SettableBlobMeta(BlobStoreAclHandler.parseAccessControls(
                            either(args, "-a", "--acl")));
                    if (args.option("--replication-factor") != null) {
                        meta.set_replication_factor(ClusterCommands.parseInt("--replication-factor",
                                args.option("--replication-factor"), 1));
                    }
                    String key = one(keys);
                    write(store.createBlob(key, meta), args, in);
                    out.println("Created blob " + key);
                }
                case "update" -> {
                    String key = one(keys);
                    write(store.updateBlob(key), args, in);
                    out.println("Updated blob " + key + " to version " + store.getBlobMeta(key).get_version());
                }
                case "cat" -> {
                    String file = either(args, "-f", "--file");
                    try (InputStreamWithMeta blob = store.getBlob(one(keys))) {
                        if (file == null) {
                            blob.transferTo(out);
                            out.flush();
                        } else {
                            try (OutputStream o = Files.newOutputStream(Path.of(file))) {
                                blob.transferTo(o);
                            }
                        }
                    }
                }
                case "list" -> {
                    List<String> listed = new ArrayList<>(keys);
                    if (listed.isEmpty()) {
                        for (Iterator<String> it = store.listKeys(); it.hasNext(); ) {
                            listed.add(it.next());
                        }
                    }
                    for (String key : listed) {
                        ReadableBlobMeta meta = store.getBlobMeta(key);
                        out.println(key + " " + meta.get_version() + " " + meta.get_settable().get_acl());
                    }
                }
                case "delete" -> {
                    String key = one(keys);
                    store.deleteBlob(key);
                    out.println("Deleted blob " + key);
                }
                case "set-acl" -> {
                    String key = one(keys);
                    SettableBlobMeta meta = store.getBlobMeta(key).get_settable();
                    meta.set_acl(BlobStoreAclHandler.parseAccessControls(either(args, "-s", "--set")));
                    store.setBlobMeta(key, meta);
                    out.println("Set the ACL of blob " + key + " to " + meta.get_acl());
                }
                default -> throw new Main.UsageException("unknown subcommand '" + sub + "'; use create, update, cat, "
                        + "list, delete or set-acl");
            }
            return Main.OK;
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        } catch (SquallException | IOException e) {
            err.println("squall blobstore " + sub + ": " + e.getMessage());
            return Main.FAILED;
        }
    }

    private static String one(List<String> keys) {
        if (keys.size() != 1) {
            throw new Main.UsageException("needs exactly one blob key, got " + keys);
        }
        return keys.get(0);
    }

    private static String either(CommandLine args, String shortName, String longName) {
        return args.option(longName) != null ? args.option(longName) : args.option(shortName);
    }

    /** Writes the content of {@code -f FILE}, or of standard input, to the blob; cancels it if that fails. */
    private static void write(AtomicOutputStream blob, CommandLine args, InputStream in) throws IOException {
        String file = either(args, "-f", "--file");
        if (file != null && !Files.isRegularFile(Path.of(file))) {
            blob.cancel();
            throw new Main.UsageException("file '" + file + "' does not exist or is not a file");
        }
        try (InputStream content = file == null ? in : Files.newInputStream(Path.of(file))) {
            content.transferTo(blob);
        } catch (IOException | RuntimeException e) {
            blob.cancel();
            throw e;
        }
        blob.close();
    }
}
