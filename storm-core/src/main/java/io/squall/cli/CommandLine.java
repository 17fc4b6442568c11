package io.squall.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One command's parsed arguments: its declared options, {@code -c key=value} overrides (anywhere, as Storm's
 * {@code -c}), {@code --help}, and positional arguments. An option not declared is refused, except among a
 * program's arguments (after {@code JAR CLASS} of {@code local} and {@code jar}), which go to its
 * {@code main}; after {@code --} everything does. Long options also take {@code --name=value}.
 *
 * @param positional the positional arguments, then the program's arguments
 * @param options    each option's values, in order
 * @param overrides  the {@code -c} values
 */
record CommandLine(List<String> positional, Map<String, List<String>> options, List<String> overrides,
                   boolean help) {

    /**
     * What a command accepts.
     *
     * @param withValue        options that take a value ({@code -w SECS})
     * @param withOptionalValue options whose value may be left out ({@code --ui [PORT]}): the next argument is
     *                          their value unless it starts with '-'
     * @param fixedPositionals how many positional arguments come before a program's own (-1: no program)
     */
    record Spec(Set<String> withValue, Set<String> withOptionalValue, int fixedPositionals) {
        /** A command with these valued options and no program arguments. */
        static Spec of(String... withValue) {
            return new Spec(Set.of(withValue), Set.of(), -1);
        }

        boolean declares(String option) {
            return withValue.contains(option) || withOptionalValue.contains(option);
        }
    }

    /**
     * Parses a command's arguments.
     *
     * @throws Main.UsageException naming an unknown option or one without its value
     */
    static CommandLine parse(String[] args, Spec spec) {
        List<String> positional = new ArrayList<>();
        Map<String, List<String>> options = new LinkedHashMap<>();
        List<String> overrides = new ArrayList<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            boolean inProgram = spec.fixedPositionals() >= 0 && positional.size() >= spec.fixedPositionals();
            String name = a;
            String inline = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 2) {
                name = a.substring(0, eq);
                inline = a.substring(eq + 1);
            }
            if (a.equals("--")) {
                for (i++; i < args.length; i++) {
                    positional.add(args[i]);
                }
            } else if (a.equals("--help") || a.equals("-h")) {
                help = true;
            } else if (a.equals("-c")) {
                overrides.add(value(args, ++i, a, spec));
            } else if (spec.withValue().contains(name)) {
                String v = inline != null ? inline : value(args, ++i, a, spec);
                options.computeIfAbsent(name, k -> new ArrayList<>()).add(v);
            } else if (spec.withOptionalValue().contains(name)) {
                String v = inline;
                if (v == null && i + 1 < args.length && !args[i + 1].startsWith("-")) {
                    v = args[++i];
                }
                options.computeIfAbsent(name, k -> new ArrayList<>()).add(v == null ? "" : v);
            } else if (a.startsWith("-") && a.length() > 1 && !inProgram) {
                throw new Main.UsageException("unknown option '" + a + "'");
            } else {
                positional.add(a);
            }
        }
        return new CommandLine(positional, options, overrides, help);
    }

    private static String value(String[] args, int i, String option, Spec spec) {
        if (i >= args.length || args[i].equals("-c") || args[i].startsWith("--") || spec.declares(args[i])) {
            throw new Main.UsageException(option + " needs a value");
        }
        return args[i];
    }

    /** The last value of an option, or null when absent ("" for an optional value left out). */
    String option(String name) {
        List<String> v = options.get(name);
        return v == null ? null : v.get(v.size() - 1);
    }
}
