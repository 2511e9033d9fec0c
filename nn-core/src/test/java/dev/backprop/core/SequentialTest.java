package dev.backprop.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class SequentialTest {

    @Test
    void forwardChainsAndBackwardReturnsTheChainRule() {
        Sequential model = new Sequential(ColumnScale.plain(2, 3), ColumnScale.plain(-1, 0.5));
        DMatrixRMaj out = model.forward(new DMatrixRMaj(new double[][] {{1, 1}, {2, -4}}));
        assertArrayEquals(new double[] {-2, 1.5, -4, -6}, out.data, 0.0);
        DMatrixRMaj dx = model.backward(new DMatrixRMaj(new double[][] {{1, 1}, {1, 1}}));
        assertArrayEquals(new double[] {-2, 1.5, -2, 1.5}, dx.data, 0.0);
    }

    @Test
    void parametersAreListedInLayerOrder() {
        ColumnScale first = ColumnScale.plain(1);
        ColumnScale second = ColumnScale.plain(2);
        Sequential nested = new Sequential(new Sequential(first), second);
        List<Parameter> parameters = nested.parameters();
        assertEquals(2, parameters.size());
        assertSame(first.parameters().get(0), parameters.get(0));
        assertSame(second.parameters().get(0), parameters.get(1));
    }

    @Test
    void trainingModeReachesEveryLayer() {
        List<Boolean> seen = new ArrayList<>();
        Layer listener = new Identity() {
            @Override
            public void setTraining(boolean training) {
                seen.add(training);
            }
        };
        new Sequential(listener, new Sequential(listener)).setTraining(false);
        assertEquals(List.of(false, false), seen);
    }

    @Test
    void regularizationLossesAddUp() {
        Sequential model = new Sequential(
                new ColumnScale(new double[] {1, 2}, 0.5, false, 0), new ColumnScale(new double[] {3}, 0.1, false, 0));
        assertEquals(0.5 * 5 + 0.1 * 9, model.regularizationLoss(), 1e-15);
    }

    @Test
    void aModelNeedsLayers() {
        assertThrows(IllegalArgumentException.class, Sequential::new);
        assertThrows(NullPointerException.class, () -> new Sequential(ColumnScale.plain(1), null));
    }

    @Test
    void aShapeErrorNamesTheLayerAndBothShapes() {
        Sequential model = new Sequential(ColumnScale.plain(1, 2));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> model.forward(new DMatrixRMaj(4, 3)));
        assertEquals("ColumnScale: input has shape 4×3, expected n×2", error.getMessage());
    }

    @Test
    void aGradCheckedModelOfTwoLayersPasses() {
        Sequential model = new Sequential(ColumnScale.plain(2, 3), ColumnScale.plain(-1, 0.5));
        assertTrue(GradientCheck.maxRelativeError(model, new DMatrixRMaj(new double[][] {{1, 1}, {2, -4}}), 5) < 1e-7);
    }

    @Test
    void nestedNetworksShowTheirLeavesAndBackPropagateBelowTheLast() {
        ColumnScale a = ColumnScale.plain(2, 3);
        ColumnScale b = ColumnScale.plain(-1, 0.5);
        ColumnScale c = ColumnScale.plain(4, 4);
        Sequential network = new Sequential(new Sequential(a, b), new Sequential(c));
        assertSame(a, network.firstLayer());
        assertSame(c, network.lastLayer());
        assertEquals(List.of(a, b, c), network.leafLayers());
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 1}});
        network.forward(x);
        // Below the last layer: the gradient at c's input goes back through b then a: ⊙ (−1, 0.5) ⊙ (2, 3).
        DMatrixRMaj grad = network.backwardBelowLast(new DMatrixRMaj(new double[][] {{1, 1}}));
        assertArrayEquals(new double[] {-2, 1.5}, grad.data, 0.0);
    }
}
