/**
 * How a component describes itself once: its {@link dev.backprop.core.component.ComponentType}
 * (a stable name and a factory from a {@link dev.backprop.core.component.Config}), its
 * hyper-parameters ({@link dev.backprop.core.component.Configurable}), and the one registry,
 * {@link dev.backprop.core.component.Components}, that model files, the command line and exporters
 * read. Modules, and users, register their types with a
 * {@link dev.backprop.core.component.ComponentProvider}.
 */
package dev.backprop.core.component;
