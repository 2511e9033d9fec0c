/**
 * Optimizers: {@link dev.backprop.optim.SGD} (the seed's {@code w += -lr·dw}, with decay,
 * momentum and Nesterov), {@link dev.backprop.optim.AdaGrad}, {@link dev.backprop.optim.RMSProp},
 * {@link dev.backprop.optim.Adam} and {@link dev.backprop.optim.AdamW}, with the book's defaults.
 */
package dev.backprop.optim;
