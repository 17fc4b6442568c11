package io.squall.testsupport.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The package cycles a module allows, each an exact list of packages, checked against the cycles its classes
 * form. A package that joins an allowed cycle, or a cycle that is not allowed, is reported with the class-level
 * edges that close it, so the message says which import to remove; a package that has left its cycle is reported
 * too, so the list stays exact and shrinks as cycles are broken.
 */
public final class AllowedCycles {
    /** Class edges listed per reported package pair, at most; the rest are counted. */
    private static final int EDGES_SHOWN = 5;

    private final Map<String, Set<String>> allowed;

    /** Allows the cycles of {@code cycles}: a name (for messages) to the packages in that cycle. */
    public AllowedCycles(Map<String, Set<String>> cycles) {
        this.allowed = new TreeMap<>();
        cycles.forEach((name, packages) -> allowed.put(name, new TreeSet<>(packages)));
    }

    /**
     * What differs between the allowed cycles and those that {@code deps} (class to the classes it refers to, as
     * {@link ClassDependencies} reads them) forms between packages; empty when they match.
     */
    public List<String> check(Map<String, Set<String>> deps) {
        Map<String, Set<String>> graph = packageGraph(deps);
        List<String> problems = new ArrayList<>();
        List<List<String>> found = PackageCycles.of(graph);
        Set<String> matched = new TreeSet<>();
        for (List<String> cycle : found) {
            String name = bestMatch(cycle);
            if (name == null) {
                problems.add("a new package cycle " + cycle + ", closed by: " + edgesWithin(deps, cycle));
                continue;
            }
            matched.add(name);
            Set<String> allowedPackages = allowed.get(name);
            for (String pkg : cycle) {
                if (!allowedPackages.contains(pkg)) {
                    problems.add(pkg + " joined the " + name + " cycle: " + edgesBetween(deps, pkg, cycle));
                }
            }
            for (String pkg : allowedPackages) {
                if (!cycle.contains(pkg)) {
                    problems.add(pkg + " is no longer in the " + name + " cycle: take it off the allowed list");
                }
            }
        }
        allowed.keySet().stream().filter(n -> !matched.contains(n))
                .forEach(n -> problems.add("the " + n + " cycle is gone: take it off the allowed list"));
        return problems;
    }

    /** The allowed cycle that shares most packages with {@code cycle}, or null if none shares any. */
    private String bestMatch(List<String> cycle) {
        String best = null;
        long bestShared = 0;
        for (Map.Entry<String, Set<String>> e : allowed.entrySet()) {
            long shared = cycle.stream().filter(e.getValue()::contains).count();
            if (shared > bestShared) {
                best = e.getKey();
                bestShared = shared;
            }
        }
        return best;
    }

    /** The package of a class name. */
    public static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    /** Package to the other packages its classes refer to. */
    public static Map<String, Set<String>> packageGraph(Map<String, Set<String>> deps) {
        Map<String, Set<String>> edges = new TreeMap<>();
        deps.forEach((c, targets) -> {
            String from = packageOf(c);
            for (String t : targets) {
                if (!packageOf(t).equals(from)) {
                    edges.computeIfAbsent(from, k -> new TreeSet<>()).add(packageOf(t));
                }
            }
        });
        return edges;
    }

    /** The class edges from {@code pkg} into the rest of {@code cycle} and back. */
    private static String edgesBetween(Map<String, Set<String>> deps, String pkg, List<String> cycle) {
        List<String> out = new ArrayList<>();
        List<String> in = new ArrayList<>();
        deps.forEach((c, targets) -> {
            for (String t : targets) {
                boolean fromPkg = packageOf(c).equals(pkg);
                boolean toPkg = packageOf(t).equals(pkg);
                if (fromPkg && !toPkg && cycle.contains(packageOf(t))) {
                    out.add(c + " -> " + t);
                } else if (toPkg && !fromPkg && cycle.contains(packageOf(c))) {
                    in.add(c + " -> " + t);
                }
            }
        });
        return "into the cycle " + shown(out) + "; from the cycle " + shown(in);
    }

    /** The class edges between different packages of {@code cycle}. */
    private static String edgesWithin(Map<String, Set<String>> deps, List<String> cycle) {
        List<String> edges = new ArrayList<>();
        deps.forEach((c, targets) -> targets.stream()
                .filter(t -> !packageOf(t).equals(packageOf(c)) && cycle.contains(packageOf(c))
                        && cycle.contains(packageOf(t)))
                .forEach(t -> edges.add(c + " -> " + t)));
        return shown(edges);
    }

    private static String shown(List<String> edges) {
        List<String> sorted = new ArrayList<>(new TreeSet<>(edges));
        if (sorted.size() <= EDGES_SHOWN) {
            return sorted.toString();
        }
        return sorted.subList(0, EDGES_SHOWN) + " and " + (sorted.size() - EDGES_SHOWN) + " more";
    }
}
