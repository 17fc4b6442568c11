package io.squall.flux.model;

/** A named object of the {@code components} section, which later definitions refer to by {@code ref}. */
public class BeanDef extends ObjectDef {
    private String id;

    /** The unique id that {@code ref} and {@code reflist} name. */
    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }
}
