package dev.backprop.core;

/** A {@link Codec} for a kind of {@link Loss}; supplied by a {@link CodecProvider}. */
public interface LossCodec extends Codec<Loss> {}
