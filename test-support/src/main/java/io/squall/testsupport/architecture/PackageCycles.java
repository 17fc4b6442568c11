package io.squall.testsupport.architecture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The strongly connected components of more than one node of a dependency graph (Tarjan's algorithm). */
public final class PackageCycles {
    private final Map<String, Set<String>> edges;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new HashSet<>();
    private final List<List<String>> cycles = new ArrayList<>();
    private int counter;

    private PackageCycles(Map<String, Set<String>> edges) {
        this.edges = edges;
    }

    /** Each cycle as its sorted nodes; empty when the graph is acyclic. */
    public static List<List<String>> of(Map<String, Set<String>> edges) {
        PackageCycles p = new PackageCycles(edges);
        Set<String> nodes = new TreeSet<>(edges.keySet());
        edges.values().forEach(nodes::addAll);
        for (String n : nodes) {
            if (!p.index.containsKey(n)) {
                p.visit(n);
            }
        }
        return p.cycles;
    }

    private void visit(String v) {
        index.put(v, counter);
        low.put(v, counter);
        counter++;
        stack.push(v);
        onStack.add(v);
        for (String w : edges.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                visit(w);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                component.sort(String::compareTo);
                cycles.add(component);
            }
        }
    }
}
