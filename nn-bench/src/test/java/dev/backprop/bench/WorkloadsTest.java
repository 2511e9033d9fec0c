package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The benchmarked workloads train: their loss falls, so the benchmarks time real work. */
class WorkloadsTest {

    @Test
    void everyWorkloadLearns() {
        for (Workloads.Training training : new Workloads.Training[] {
            Workloads.spiral(), Workloads.fashion(), Workloads.tiny()
        }) {
            double first = training.step();
            double last = first;
            for (int i = 0; i < 30; i++) {
                last = training.step();
            }
            assertTrue(last < first, "loss " + first + " -> " + last);
        }
        assertEquals(Math.log(3), Workloads.spiral().step(), 1e-3, "the spiral starts at log 3");
    }

    @Test
    void everyGemmShapeRunsOnBothBackends() {
        GemmBenchmark benchmark = new GemmBenchmark();
        for (String shape : new String[] {"128.784.128", "784.128.128.tA", "128.128.784.tB"}) {
            double[] sums = new double[2];
            int i = 0;
            for (String backend : new String[] {"ejml", "openblas"}) {
                benchmark.shape = shape;
                benchmark.backend = backend;
                benchmark.setUp();
                double sum = 0;
                for (double v : benchmark.product().data) {
                    sum += v;
                }
                sums[i++] = sum;
            }
            assertEquals(sums[0], sums[1], 1e-9 * Math.abs(sums[0]) + 1e-9, shape);
        }
    }
}
