package io.squall.serialization;

import io.squall.topology.InvalidTopologyException;
import io.squall.topology.StormTopology;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/** Java serialization of a whole topology, as it travels from the submitter to Nimbus and the workers. */
public final class TopologySerializer {
    private TopologySerializer() {
    }

    /** The topology's bytes. */
    public static byte[] serialize(StormTopology topology) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(topology);
        } catch (IOException e) {
            throw new InvalidTopologyException("Cannot serialize the topology: " + e, e);
        }
        return bytes.toByteArray();
    }

    /**
     * A topology from its bytes, resolving classes through {@code loader} (the topology JAR's).
     *
     * @throws InvalidTopologyException if the bytes are not a serialized topology
     */
    public static StormTopology deserialize(byte[] bytes, ClassLoader loader) {
        try (ObjectInputStream in = new LoaderInput(new ByteArrayInputStream(bytes), loader)) {
            Object o = in.readObject();
            if (!(o instanceof StormTopology t)) {
                throw new InvalidTopologyException("The serialized topology holds a " + o.getClass().getName()
                        + ", not a StormTopology");
            }
            return t;
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            if (e instanceof InvalidTopologyException ite) {
                throw ite;
            }
            throw new InvalidTopologyException("The serialized topology does not deserialize: " + e, e);
        }
    }

    private static final class LoaderInput extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderInput(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }
}
