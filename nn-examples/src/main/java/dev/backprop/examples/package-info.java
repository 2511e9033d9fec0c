/**
 * Runnable examples of Backprop: the book's spiral model ({@link dev.backprop.examples.SpiralExample})
 * and the data it trains on.
 */
package dev.backprop.examples;
