/**
 * Data to train on, for any project without the command line: the book's generators
 * ({@link dev.backprop.data.BookDatasets}), CSV files ({@link dev.backprop.data.CsvData}) and
 * Fashion-MNIST's IDX files ({@link dev.backprop.data.FashionMnist}).
 */
package dev.backprop.data;
