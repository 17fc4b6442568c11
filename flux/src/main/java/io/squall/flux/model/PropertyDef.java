package io.squall.flux.model;

/**
 * One entry of a component's {@code properties}: set through the public setter {@code setName(value)} or, without
 * one, the public field {@code name}. Holds a {@code value} or a {@code ref}, never both.
 */
public class PropertyDef {
    private String name;
    private Object value;
    private String ref;

    /** The property's name ({@code pollTimeoutMs} for {@code setPollTimeoutMs}). */
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** The literal value, or null when the property is a reference. */
    public Object getValue() {
        return value;
    }

    /** Sets the literal value; refused when a reference is set. */
    public void setValue(Object value) {
        if (ref != null) {
            throw new IllegalArgumentException("A property can only have a value OR a reference, not both.");
        }
        this.value = value;
    }

    /** The id of the component the property is set to, or null. */
    public String getRef() {
        return ref;
    }

    /** Sets the reference; refused when a value is set. */
    public void setRef(String ref) {
        if (value != null) {
            throw new IllegalArgumentException("A property can only have a value OR a reference, not both.");
        }
        this.ref = ref;
    }

    /** Whether the property is set to a component. */
    public boolean isReference() {
        return ref != null;
    }
}
