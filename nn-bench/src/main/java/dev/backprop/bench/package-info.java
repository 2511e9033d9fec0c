/** JMH benchmarks of Backprop: training steps (W1, W2, W4) and matrix products (W3). */
package dev.backprop.bench;
