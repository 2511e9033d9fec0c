package dev.backprop.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import scala.Tuple2;

/** Packs a partition's indexed samples into {@link RowBlock}s of consecutive indices. */
final class ToBlocks implements FlatMapFunction<Iterator<Tuple2<Sample, Long>>, RowBlock> {

    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<RowBlock> call(Iterator<Tuple2<Sample, Long>> samples) {
        List<RowBlock> blocks = new ArrayList<>();
        List<Sample> pending = new ArrayList<>(RowBlock.ROWS);
        long first = -1;
        while (samples.hasNext()) {
            Tuple2<Sample, Long> next = samples.next();
            Sample sample = next._1();
            long index = next._2();
            if (sample == null) {
                throw new IllegalArgumentException("Sample " + index + " is null");
            }
            if (!pending.isEmpty() && (pending.size() == RowBlock.ROWS || index != first + pending.size())) {
                blocks.add(block(first, pending));
                pending.clear();
            }
            if (pending.isEmpty()) {
                first = index;
            }
            pending.add(sample);
        }
        if (!pending.isEmpty()) {
            blocks.add(block(first, pending));
        }
        return blocks.iterator();
    }

    private static RowBlock block(long first, List<Sample> samples) {
        int features = samples.get(0).features().length;
        int targets = samples.get(0).target().length;
        double[] inputs = new double[samples.size() * features];
        double[] outputs = new double[samples.size() * targets];
        for (int r = 0; r < samples.size(); r++) {
            Sample sample = samples.get(r);
            if (sample.features().length != features || sample.target().length != targets) {
                throw new IllegalArgumentException("Sample " + (first + r) + " has " + sample.features().length
                        + " features and " + sample.target().length + " target values; sample " + first + " has "
                        + features + " and " + targets);
            }
            System.arraycopy(sample.features(), 0, inputs, r * features, features);
            System.arraycopy(sample.target(), 0, outputs, r * targets, targets);
        }
        return new RowBlock(first, samples.size(), features, targets, inputs, outputs);
    }
}
