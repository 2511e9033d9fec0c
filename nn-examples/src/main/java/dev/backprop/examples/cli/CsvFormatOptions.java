package dev.backprop.examples.cli;

import dev.backprop.data.tabular.CsvOptions;
import picocli.CommandLine.Option;

/** How a CSV file is written: its delimiter and whether it has a header row. */
final class CsvFormatOptions {

    @Option(names = "--delimiter", paramLabel = "C",
            description = "The field separator: , ; tab or another character (default: detected from the first line)")
    String delimiter;

    @Option(names = "--no-header", description = "The first row is data; columns are named column1, column2, ...")
    boolean noHeader;

    CsvOptions csv() {
        if (delimiter == null) {
            return new CsvOptions(null, !noHeader);
        }
        String text = delimiter.equals("tab") || delimiter.equals("\\t") ? "\t" : delimiter;
        if (text.length() != 1) {
            throw new UsageException("--delimiter takes one character (or tab), got '" + delimiter + "'");
        }
        try {
            return new CsvOptions(text.charAt(0), !noHeader);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--delimiter: " + e.getMessage());
        }
    }
}
