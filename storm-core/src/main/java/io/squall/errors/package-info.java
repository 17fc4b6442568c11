/**
 * The root of Squall's exceptions, {@link io.squall.errors.SquallException}: every package may throw its subclasses,
 * so this package depends on none of the others.
 */
package io.squall.errors;
