package io.squall.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Hosts on one machine made of Linux network namespaces: each host is a namespace with its own address in
 * {@code 10.77.0.0/24} on an {@code eth0} that a veth pair plugs into a bridge, which lives in a namespace of its
 * own (the switch). Nothing is added to the machine's own network. Partitions are made inside the hosts: a
 * host's link goes down (isolated from every other), or its packets to chosen hosts are dropped by iptables.
 * {@link #close} deletes every namespace, which removes the links with them.
 *
 * <p>Needs root and {@code ip}, {@code iptables}; {@link #unavailableReason()} says why a test must skip.
 * Not thread-safe: one test thread drives it.
 */
public final class NetworkLab implements AutoCloseable {
    private static final String SUBNET = "10.77.0.";

    private final String prefix;
    private final String switchNs;
    private final Map<String, String> addresses = new LinkedHashMap<>();

    private NetworkLab() {
        // Unique names, so that labs of concurrent builds on one machine do not meet.
        this.prefix = "sq" + Integer.toHexString(new Random().nextInt(0x10000) | 0x10000).substring(1);
        this.switchNs = prefix + "-sw";
    }

    /** Why namespaces cannot be made here, or null if they can. */
    public static String unavailableReason() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "the multi-host test needs root to make network namespaces (runs as "
                    + System.getProperty("user.name") + ")";
        }
        String probe = "sqprobe" + ProcessHandle.current().pid();
        try {
            run("ip", "netns", "add", probe);
            run("ip", "netns", "exec", probe, "iptables", "-L", "OUTPUT", "-n");
        } catch (RuntimeException e) {
            return "'ip netns' or iptables is not usable here: " + e.getMessage();
        } finally {
            try {
                run("ip", "netns", "del", probe);
            } catch (RuntimeException ignored) {
                // It was never made.
            }
        }
        return null;
    }

    /** A lab with the given hosts, numbered from 10.77.0.1 in order. */
    public static NetworkLab create(List<String> hosts) {
        NetworkLab lab = new NetworkLab();
        try {
            run("ip", "netns", "add", lab.switchNs);
            lab.exec(lab.switchNs, "ip", "link", "set", "lo", "up");
            lab.exec(lab.switchNs, "ip", "link", "add", "br0", "type", "bridge");
            lab.exec(lab.switchNs, "ip", "link", "set", "br0", "up");
            int n = 1;
            for (String h : hosts) {
                lab.addHost(h, SUBNET + n++);
            }
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    private void addHost(String host, String address) {
        String ns = ns(host);
        String port = prefix + "-" + addresses.size();
        run("ip", "netns", "add", ns);
        addresses.put(host, address);
        run("ip", "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", ns);
        run("ip", "link", "set", port, "netns", switchNs);
        exec(switchNs, "ip", "link", "set", port, "master", "br0");
        exec(switchNs, "ip", "link", "set", port, "up");
        exec(ns, "ip", "addr", "add", address + "/24", "dev", "eth0");
        exec(ns, "ip", "link", "set", "eth0", "up");
        exec(ns, "ip", "link", "set", "lo", "up");
    }

    private String ns(String host) {
        return prefix + "-" + host;
    }

    /** A host's address. */
    public String address(String host) {
        String a = addresses.get(host);
        if (a == null) {
            throw new IllegalArgumentException("No host '" + host + "' in " + addresses.keySet());
        }
        return a;
    }

    /** The command prefix that runs a program on {@code host}. */
    public List<String> on(String host) {
        address(host);
        return List.of("ip", "netns", "exec", ns(host));
    }

    /** Cuts {@code host} off from every other host (its link goes down). */
    public void isolate(String host) {
        exec(ns(host), "ip", "link", "set", "eth0", "down");
    }

    /** Plugs an isolated host back in. */
    public void reconnect(String host) {
        exec(ns(host), "ip", "link", "set", "eth0", "up");
    }

    /** Drops every packet between {@code host} and each of {@code others}, both ways, on {@code host}. */
    public void block(String host, List<String> others) {
        for (String o : others) {
            exec(ns(host), "iptables", "-A", "OUTPUT", "-d", address(o), "-j", "DROP");
            exec(ns(host), "iptables", "-A", "INPUT", "-s", address(o), "-j", "DROP");
        }
    }

    /** Lifts every {@link #block} on {@code host}. */
    public void unblock(String host) {
        exec(ns(host), "iptables", "-F", "OUTPUT");
        exec(ns(host), "iptables", "-F", "INPUT");
    }

    private void exec(String ns, String... cmd) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        all.addAll(List.of(cmd));
        run(all.toArray(new String[0]));
    }

    private static void run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out.trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", cmd), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + String.join(" ", cmd), e);
        }
    }

    /** Deletes every namespace of the lab (processes still in them must be stopped first). */
    @Override
    public void close() {
        for (String h : addresses.keySet()) {
            try {
                run("ip", "netns", "del", ns(h));
            } catch (RuntimeException e) {
                System.err.println("Cannot delete namespace " + ns(h) + ": " + e.getMessage());
            }
        }
        try {
            run("ip", "netns", "del", switchNs);
        } catch (RuntimeException e) {
            System.err.println("Cannot delete namespace " + switchNs + ": " + e.getMessage());
        }
    }
}
