/**
 * Runnable examples of Backprop: the book's spiral model ({@link dev.backprop.examples.SpiralExample}),
 * and the {@code backprop} command in {@code cli}.
 */
package dev.backprop.examples;
