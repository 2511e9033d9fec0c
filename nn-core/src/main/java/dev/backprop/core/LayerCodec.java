package dev.backprop.core;

/** A {@link Codec} for a kind of {@link Layer}; supplied by a {@link CodecProvider}. */
public interface LayerCodec extends Codec<Layer> {}
