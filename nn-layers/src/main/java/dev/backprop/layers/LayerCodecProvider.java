package dev.backprop.layers;

import dev.backprop.core.CodecProvider;
import dev.backprop.core.Config;
import dev.backprop.core.Layer;
import dev.backprop.core.LayerCodec;
import dev.backprop.core.Loss;
import dev.backprop.core.LossCodec;
import dev.backprop.core.ModelFileException;
import dev.backprop.core.NumpyRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The model-file codecs of every layer, activation and loss of this module, registered with
 * {@link java.util.ServiceLoader}. Their type names are the class names, and stay stable.
 */
public final class LayerCodecProvider implements CodecProvider {

    @Override
    public List<LayerCodec> layerCodecs() {
        return List.of(
                new DenseCodec(),
                layer("Dropout", Dropout.class, LayerCodecProvider::dropoutConfig, LayerCodecProvider::dropout),
                layer("LeakyReLU", LeakyReLU.class, leaky -> Map.of("alpha", leaky.alpha()),
                        config -> new LeakyReLU(config.number("alpha"))),
                stateless("ReLU", ReLU.class, ReLU::new),
                stateless("Sigmoid", Sigmoid.class, Sigmoid::new),
                stateless("Tanh", Tanh.class, Tanh::new),
                stateless("Softmax", Softmax.class, Softmax::new),
                stateless("Linear", Linear.class, Linear::new));
    }

    @Override
    public List<LossCodec> lossCodecs() {
        return List.of(
                loss("CategoricalCrossEntropy", CategoricalCrossEntropy.class, CategoricalCrossEntropy::new),
                loss("SoftmaxCrossEntropy", SoftmaxCrossEntropy.class, SoftmaxCrossEntropy::new),
                loss("BinaryCrossEntropy", BinaryCrossEntropy.class, BinaryCrossEntropy::new),
                loss("MeanSquaredError", MeanSquaredError.class, MeanSquaredError::new),
                loss("MeanAbsoluteError", MeanAbsoluteError.class, MeanAbsoluteError::new));
    }

    /** Dense: sizes and regularisation strengths; its weights and biases are the file's arrays. */
    private static final class DenseCodec implements LayerCodec {

        @Override
        public String type() {
            return "Dense";
        }

        @Override
        public Class<? extends Layer> javaType() {
            return Dense.class;
        }

        @Override
        public Map<String, Object> config(Layer layer) {
            Dense dense = (Dense) layer;
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("inputs", dense.inputs());
            config.put("outputs", dense.outputs());
            config.put("weightL1", dense.weightPenalty().l1());
            config.put("weightL2", dense.weightPenalty().l2());
            config.put("biasL1", dense.biasPenalty().l1());
            config.put("biasL2", dense.biasPenalty().l2());
            return config;
        }

        @Override
        public List<int[]> parameterShapes(Config config) {
            int inputs = (int) config.integer("inputs", 1, Integer.MAX_VALUE);
            int outputs = (int) config.integer("outputs", 1, Integer.MAX_VALUE);
            return List.of(new int[] {inputs, outputs}, new int[] {1, outputs});
        }

        @Override
        public Layer create(Config config) {
            try {
                return Dense.builder((int) config.integer("inputs", 1, Integer.MAX_VALUE),
                                (int) config.integer("outputs", 1, Integer.MAX_VALUE))
                        .initializer(weights -> { }) // the file's values replace the weights
                        .weightL1(config.number("weightL1")).weightL2(config.number("weightL2"))
                        .biasL1(config.number("biasL1")).biasL2(config.number("biasL2"))
                        .build();
            } catch (IllegalArgumentException e) {
                throw new ModelFileException("Dense: " + e.getMessage(), e);
            }
        }
    }

    /** The rate, and the mask stream's state so that a resumed run draws the same masks. */
    private static Map<String, Object> dropoutConfig(Dropout dropout) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("rate", dropout.rate());
        config.put("random", dropout.randomState().toConfig());
        return config;
    }

    private static Dropout dropout(Config config) {
        Dropout dropout = new Dropout(config.number("rate"));
        dropout.restoreRandomState(NumpyRandom.State.fromConfig(config.child("random")));
        return dropout;
    }

    private static <L extends Layer> LayerCodec stateless(String type, Class<L> javaType, Supplier<L> make) {
        return layer(type, javaType, layer -> Map.of(), config -> make.get());
    }

    @SuppressWarnings("unchecked")
    private static <L extends Layer> LayerCodec layer(String type, Class<L> javaType,
            Function<L, Map<String, Object>> config, Function<Config, Layer> create) {
        return new LayerCodec() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public Class<? extends Layer> javaType() {
                return javaType;
            }

            @Override
            public Map<String, Object> config(Layer layer) {
                return config.apply((L) layer);
            }

            @Override
            public Layer create(Config values) {
                try {
                    return create.apply(values);
                } catch (IllegalArgumentException e) {
                    throw new ModelFileException(type + ": " + e.getMessage(), e);
                }
            }
        };
    }

    private static <L extends Loss> LossCodec loss(String type, Class<L> javaType, Supplier<L> make) {
        return new LossCodec() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public Class<? extends Loss> javaType() {
                return javaType;
            }

            @Override
            public Map<String, Object> config(Loss loss) {
                return Map.of();
            }

            @Override
            public Loss create(Config config) {
                return make.get();
            }
        };
    }
}
