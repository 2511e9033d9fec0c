package dev.backprop.core;


/**
 * An optimizer whose learning rate changes as it steps; the training loop records the rate of
 * each epoch's last step in the History.
 */
public interface Scheduled {

    /** @return the learning rate the next step will use */
    double currentLearningRate();
}
