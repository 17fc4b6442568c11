package io.squall.trident.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * Java serialization for what Trident stores (state values, spout metadata). Classes resolve through the thread's
 * context class loader first, so values of classes from a topology JAR read back in its tasks.
 */
public final class JavaSerialization {
    private JavaSerialization() {
    }

    /**
     * The bytes of {@code o}.
     *
     * @throws IllegalArgumentException naming the class if it cannot be serialized
     */
    public static byte[] write(Object o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot store a " + (o == null ? "null" : o.getClass().getName())
                    + ": Trident stores values and spout metadata with Java serialization, so it must be Serializable ("
                    + e.getMessage() + ")", e);
        }
        return bytes.toByteArray();
    }

    /**
     * The object in {@code bytes}.
     *
     * @throws IllegalStateException if the bytes are not a readable object
     */
    public static Object read(byte[] bytes) {
        return read(bytes, null);
    }

    /**
     * The object in {@code bytes}, its classes looked up first in {@code loader} (the loader of the user code that
     * wrote it), then as {@link #read(byte[])} does.
     *
     * @throws IllegalStateException if the bytes are not a readable object
     */
    public static Object read(byte[] bytes, ClassLoader loader) {
        try (ObjectInputStream in = new ContextObjectInputStream(new ByteArrayInputStream(bytes), loader)) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("Cannot read a stored Trident value: " + e.getMessage(), e);
        }
    }

    private static final class ContextObjectInputStream extends ObjectInputStream {
        private final ClassLoader first;

        ContextObjectInputStream(InputStream in, ClassLoader first) throws IOException {
            super(in);
            this.first = first;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            if (first != null) {
                try {
                    return Class.forName(desc.getName(), false, first);
                } catch (ClassNotFoundException e) {
                    // fall back to the context loader and the default below
                }
            }
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null) {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    return super.resolveClass(desc);
                }
            }
            return super.resolveClass(desc);
        }
    }
}
