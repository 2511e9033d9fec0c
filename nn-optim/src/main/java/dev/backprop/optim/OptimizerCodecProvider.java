package dev.backprop.optim;

import dev.backprop.core.CodecProvider;
import dev.backprop.core.Config;
import dev.backprop.core.ModelFileException;
import dev.backprop.core.Optimizer;
import dev.backprop.core.OptimizerCodec;
import dev.backprop.core.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The model-file codecs of every optimizer of this module, registered with
 * {@link java.util.ServiceLoader}: hyper-parameters and step count in the config, momentum and
 * caches as arrays, so that training resumes exactly where it stopped.
 */
public final class OptimizerCodecProvider implements CodecProvider {

    @Override
    public List<OptimizerCodec> optimizerCodecs() {
        return List.of(
                codec("SGD", SGD.class, (sgd, config) -> {
                    config.put("momentum", sgd.momentum());
                    config.put("nesterov", sgd.nesterov());
                }, config -> SGD.builder().momentum(config.number("momentum")).nesterov(config.bool("nesterov"))),
                codec("AdaGrad", AdaGrad.class, (adaGrad, config) -> config.put("epsilon", adaGrad.epsilon()),
                        config -> AdaGrad.builder().epsilon(config.number("epsilon"))),
                codec("RMSProp", RMSProp.class, (rmsProp, config) -> {
                    config.put("epsilon", rmsProp.epsilon());
                    config.put("rho", rmsProp.rho());
                }, config -> RMSProp.builder().epsilon(config.number("epsilon")).rho(config.number("rho"))),
                codec("Adam", Adam.class, OptimizerCodecProvider::moments,
                        config -> moments(Adam.builder(), config)),
                codec("AdamW", AdamW.class, (adamW, config) -> {
                    moments(adamW, config);
                    config.put("weightDecay", adamW.weightDecay());
                }, config -> moments(AdamW.builder(), config).weightDecay(config.number("weightDecay"))));
    }

    private static void moments(AdamMoments optimizer, Map<String, Object> config) {
        config.put("epsilon", optimizer.epsilon());
        config.put("beta1", optimizer.beta1());
        config.put("beta2", optimizer.beta2());
    }

    private static <B extends AdamMoments.MomentBuilder<B, ?>> B moments(B builder, Config config) {
        return builder.epsilon(config.number("epsilon")).beta1(config.number("beta1")).beta2(config.number("beta2"));
    }

    @SuppressWarnings("unchecked")
    private static <O extends GradientDescent> OptimizerCodec codec(String type, Class<O> javaType,
            BiConsumer<O, Map<String, Object>> options, Function<Config, GradientDescent.Builder<?, ?>> builder) {
        return new OptimizerCodec() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public Class<? extends Optimizer> javaType() {
                return javaType;
            }

            @Override
            public Map<String, Object> config(Optimizer optimizer) {
                O descent = (O) optimizer;
                Map<String, Object> config = new LinkedHashMap<>();
                config.put("learningRate", descent.learningRate());
                config.put("decay", descent.decay());
                options.accept(descent, config);
                config.put("iterations", descent.iterations());
                return config;
            }

            @Override
            public Optimizer create(Config config) {
                try {
                    GradientDescent optimizer = builder.apply(config)
                            .learningRate(config.number("learningRate")).decay(config.number("decay")).build();
                    optimizer.restoreIterations(config.integer("iterations", 0, Long.MAX_VALUE / 2));
                    return optimizer;
                } catch (IllegalArgumentException e) {
                    throw new ModelFileException(type + ": " + e.getMessage(), e);
                }
            }

            @Override
            public int slots(Optimizer optimizer) {
                return ((GradientDescent) optimizer).slots();
            }

            @Override
            public List<List<double[]>> state(Optimizer optimizer, List<Parameter> parameters) {
                List<List<double[]>> all = new ArrayList<>();
                for (Parameter parameter : parameters) {
                    double[][] memory = ((GradientDescent) optimizer).stateOf(parameter);
                    all.add(memory == null ? List.of() : List.of(memory));
                }
                return all;
            }

            @Override
            public void restore(Optimizer optimizer, List<Parameter> parameters, List<List<double[]>> state) {
                for (int i = 0; i < parameters.size(); i++) {
                    if (!state.get(i).isEmpty()) {
                        ((GradientDescent) optimizer).restoreState(parameters.get(i), state.get(i).toArray(new double[0][]));
                    }
                }
            }
        };
    }
}
