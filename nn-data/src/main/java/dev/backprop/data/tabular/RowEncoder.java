package dev.backprop.data.tabular;

import dev.backprop.data.DataFormatException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes a table's rows with a fitted {@link Preprocessor}: numbers scaled, categories one-hot,
 * missing cells filled, labels as class indices or standardised values.
 */
final class RowEncoder {

    private static final Logger LOG = LoggerFactory.getLogger(Preprocessor.class);

    private final Preprocessor preprocessor;
    private final RawTable table;

    private RowEncoder(Preprocessor preprocessor, RawTable table) {
        this.preprocessor = preprocessor;
        this.table = table;
    }

    /** @see Preprocessor#encode */
    static Preprocessor.Encoded encode(Preprocessor preprocessor, RawTable table) {
        return new RowEncoder(preprocessor, table).encode();
    }

    private Preprocessor.Encoded encode() {
        List<Feature> features = preprocessor.features();
        String label = preprocessor.label();
        int[] index = new int[features.size()];
        for (int f = 0; f < features.size(); f++) {
            index[f] = table.indexOf(features.get(f).name());
            if (index[f] < 0) {
                throw new DataFormatException(table.source() + ": the model's column '" + features.get(f).name()
                        + "' is not in the file, whose columns are " + table.columns());
            }
        }
        int labelIndex = table.indexOf(label);
        for (String column : table.columns()) {
            if (!column.equals(label) && features.stream().noneMatch(f -> f.name().equals(column))) {
                throw new DataFormatException(table.source() + ": column '" + column + "' is not one the model was "
                        + "trained on (" + preprocessor.featureNames() + " and the label '" + label + "')");
            }
        }
        List<Integer> kept = new ArrayList<>();
        for (int r = 0; r < table.size(); r++) {
            if (preprocessor.missing() != MissingValues.DROP_ROWS || complete(r, index, labelIndex)) {
                kept.add(r);
            }
        }
        if (kept.isEmpty()) {
            throw new DataFormatException(table.source() + ": no row is left once rows with missing cells are dropped");
        }
        List<String> classes = preprocessor.classNames();
        boolean numericClasses = classes.stream().allMatch(name -> !Double.isNaN(Cells.number(name)));
        Map<String, Integer> classIndex = new HashMap<>();
        for (int k = 0; k < classes.size(); k++) {
            classIndex.put(classes.get(k), k);
        }
        DMatrixRMaj inputs = new DMatrixRMaj(kept.size(), preprocessor.inputs());
        DMatrixRMaj targets = labelIndex < 0 ? null : new DMatrixRMaj(kept.size(), 1);
        long unknown = 0;
        for (int i = 0; i < kept.size(); i++) {
            int r = kept.get(i);
            int column = 0;
            for (int f = 0; f < features.size(); f++) {
                Feature feature = features.get(f);
                unknown += encodeCell(r, index[f], feature, inputs, i, column);
                column += feature.width();
            }
            if (targets != null) {
                targets.data[i] = target(r, labelIndex, classIndex, numericClasses);
            }
        }
        if (unknown > 0) {
            LOG.warn("{}: {} cells hold a category the model never saw in training; they encode as all zeros",
                    table.source(), unknown);
        }
        return new Preprocessor.Encoded(inputs, targets, kept.stream().mapToInt(Integer::intValue).toArray(), unknown);
    }

    private boolean complete(int r, int[] index, int labelIndex) {
        for (int c : index) {
            if (Cells.isMissing(table.cell(r, c))) {
                return false;
            }
        }
        return labelIndex < 0 || !Cells.isMissing(table.cell(r, labelIndex));
    }

    /** Writes one feature of row r into the inputs; returns 1 for an unknown category. */
    private int encodeCell(int r, int c, Feature feature, DMatrixRMaj inputs, int row, int column) {
        String cell = table.cell(r, c);
        int offset = row * inputs.numCols + column;
        if (Cells.isMissing(cell)) {
            if (Double.isNaN(feature.fill())) {
                throw new DataFormatException(table.source() + ": line " + table.line(r) + ", column '" + feature.name()
                        + "' is missing ('" + cell + "'), and the model was trained to refuse missing cells");
            }
            if (feature.numeric()) {
                inputs.data[offset] = feature.encode(feature.fill());
                if (feature.missingIndicator()) {
                    inputs.data[offset + 1] = 1;
                }
            } else {
                inputs.data[offset + (int) feature.fill()] = 1;
            }
            return 0;
        }
        if (feature.numeric()) {
            double value = Cells.number(cell);
            if (Double.isNaN(value)) {
                throw new DataFormatException(table.source() + ": line " + table.line(r) + ", column '" + feature.name()
                        + "' holds '" + cell + "', which is not a number");
            }
            inputs.data[offset] = feature.encode(value);
            return 0;
        }
        int category = feature.categories().indexOf(Cells.category(cell));
        if (category < 0) {
            if (preprocessor.unknownIsError()) {
                throw new DataFormatException(table.source() + ": line " + table.line(r) + ", column '" + feature.name()
                        + "' holds '" + cell + "', a category training never saw (known: " + feature.categories() + ")");
            }
            return 1;
        }
        inputs.data[offset + category] = 1;
        return 0;
    }

    private double target(int r, int labelIndex, Map<String, Integer> classIndex, boolean numericClasses) {
        String cell = table.cell(r, labelIndex);
        if (Cells.isMissing(cell)) {
            throw new DataFormatException(table.source() + ": line " + table.line(r) + " has no label in column '"
                    + preprocessor.label() + "'");
        }
        if (preprocessor.task() == Task.REGRESSION) {
            double value = Cells.number(cell);
            if (Double.isNaN(value)) {
                throw new DataFormatException(table.source() + ": line " + table.line(r) + ", label '" + cell
                        + "' is not a number");
            }
            return (value - preprocessor.targetMean()) / preprocessor.targetScale();
        }
        double value = Cells.number(cell);
        String name = !Double.isNaN(value) && numericClasses ? Preprocessor.className(value) : Cells.category(cell);
        Integer index = classIndex.get(name);
        if (index == null) {
            throw new DataFormatException(table.source() + ": line " + table.line(r) + ", label '" + cell
                    + "' is not one of the classes the model knows, " + preprocessor.classNames());
        }
        return index;
    }
}
