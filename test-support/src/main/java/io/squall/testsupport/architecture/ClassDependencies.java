package io.squall.testsupport.architecture;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The io.squall classes each compiled class refers to, read from the constant pools of a directory of class
 * files: class references and every type named in a descriptor or generic signature. Nested classes count as
 * their top-level class.
 */
public final class ClassDependencies {
    private static final Pattern TYPE_IN_DESCRIPTOR = Pattern.compile("L(io/squall/[\\w/$]+)[;<]");

    private ClassDependencies() {
    }

    /** Top-level class name to the top-level io.squall classes it refers to (itself excluded). */
    public static Map<String, Set<String>> of(Path classesDir) throws IOException {
        Map<String, Set<String>> deps = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classesDir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                if (f.getFileName().toString().equals("module-info.class")) {
                    continue;
                }
                try (InputStream in = Files.newInputStream(f)) {
                    read(new DataInputStream(in), deps);
                }
            }
        }
        return deps;
    }

    private static String topLevel(String internalName) {
        int dollar = internalName.indexOf('$');
        return (dollar < 0 ? internalName : internalName.substring(0, dollar)).replace('/', '.');
    }

    private static void read(DataInputStream in, Map<String, Set<String>> deps) throws IOException {
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNameIndex = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNameIndex[i] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // Longs and doubles take two entries.
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        in.readUnsignedShort();
        int thisClass = in.readUnsignedShort();
        String self = topLevel(utf8[classNameIndex[thisClass]]);
        Set<String> out = deps.computeIfAbsent(self, k -> new TreeSet<>());
        for (int i = 1; i < count; i++) {
            if (classNameIndex[i] != 0) {
                String name = utf8[classNameIndex[i]];
                int at = name.lastIndexOf('[');
                if (at >= 0) {
                    name = name.substring(at + 1);
                    name = name.startsWith("L") ? name.substring(1, name.length() - 1) : "";
                }
                if (name.startsWith("io/squall/")) {
                    out.add(topLevel(name));
                }
            } else if (utf8[i] != null && utf8[i].contains("Lio/squall/")) {
                Matcher m = TYPE_IN_DESCRIPTOR.matcher(utf8[i]);
                while (m.find()) {
                    out.add(topLevel(m.group(1)));
                }
            }
        }
        out.remove(self);
    }
}
