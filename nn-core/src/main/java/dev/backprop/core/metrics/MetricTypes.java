package dev.backprop.core.metrics;

import dev.backprop.core.component.ComponentProvider;
import dev.backprop.core.component.ComponentType;
import java.util.List;

/** Registers the metrics of this package, so that model files and the command line know them. */
public final class MetricTypes implements ComponentProvider {

    @Override
    public List<ComponentType<?>> types() {
        return List.of(CategoricalAccuracy.TYPE, BinaryAccuracy.TYPE, RegressionAccuracy.TYPE, AbsoluteError.TYPE,
                RootMeanSquaredError.TYPE, RSquared.TYPE, AreaUnderRoc.TYPE, LogLoss.TYPE, TopKAccuracy.TYPE);
    }
}
