package io.squall.flux.model;

/**
 * An entry of {@code includes}: another YAML file (or classpath resource with {@code resource: true}) whose
 * definitions are merged into this one. With {@code override: true} its definitions replace this file's of the
 * same id (and its name and config keys win); with {@code false} this file's win. Includes are not recursive.
 */
public class IncludeDef {
    private boolean resource;
    private boolean override;
    private String file;

    /** Whether {@link #getFile()} is a classpath resource. */
    public boolean isResource() {
        return resource;
    }

    public void setResource(boolean resource) {
        this.resource = resource;
    }

    /** Whether the included definitions replace this file's. */
    public boolean isOverride() {
        return override;
    }

    public void setOverride(boolean override) {
        this.override = override;
    }

    /** The file's path, or the resource's name. */
    public String getFile() {
        return file;
    }

    public void setFile(String file) {
        this.file = file;
    }
}
