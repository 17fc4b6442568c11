/**
 * The narrow interface between Squall's public packages ({@code io.squall}, {@code io.squall.testing}, ...)
 * and the runtime kernel: a {@link io.squall.runtime.api.Kernel} starts topologies in this JVM and hands back
 * a {@link io.squall.runtime.api.TopologyRuntime}, whose figures are immutable snapshots. This package
 * depends only on public API types; the kernel implements it and registers itself as a service.
 */
package io.squall.runtime.api;
