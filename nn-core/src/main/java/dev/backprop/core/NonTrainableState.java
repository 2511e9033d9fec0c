package dev.backprop.core;

/**
 * A layer that keeps values that are not trained but belong to the model, such as batch
 * normalisation's running statistics; summaries count them as non-trainable.
 */
public interface NonTrainableState {

    /** @return the number of such values */
    long nonTrainableValues();
}
