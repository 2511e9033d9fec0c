#!/usr/bin/python3
"""Backprop against scikit-learn on public tabular data that Debian's python3-sklearn ships.

For each data set: one seeded split (75 % train, 25 % test; stratified for classification),
written as two CSV files with a header and the label as text where the data set names its
classes. scikit-learn fits Pipeline(StandardScaler, MLPClassifier or MLPRegressor) with default
options (random_state=0); Backprop runs `backprop train --dataset csv:train.csv --test csv:test.csv`
with no other option. Prints test accuracy (classification) or R² (regression) side by side.

    /usr/bin/python3 nn-bench/tabular/compare_sklearn.py [path/to/backprop.jar]

Needs Debian's python3-sklearn (which brings NumPy) and a built nn-examples/target/backprop.jar.
"""
import csv
import os
import re
import subprocess
import sys
import tempfile
import warnings

from sklearn import datasets
from sklearn.compose import TransformedTargetRegressor
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import accuracy_score, r2_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

JAR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(__file__), "..", "..", "nn-examples", "target", "backprop.jar")


def write(path, names, label, x, y):
    with open(path, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(list(names) + [label])
        for row, target in zip(x, y):
            out.writerow([repr(float(v)) for v in row] + [target])


def backprop(folder):
    command = ["java", "-jar", JAR, "train", "--dataset", "csv:" + os.path.join(folder, "train.csv"),
               "--test", "csv:" + os.path.join(folder, "test.csv"), "--quiet", "--no-progress"]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    line = next(l for l in result.stdout.splitlines() if l.startswith("test:"))
    return dict((k, float(v)) for k, v in re.findall(r"(\w+) (-?[0-9.]+(?:e[-+]?\d+)?)", line))


def classification(name, data, label_names):
    x_train, x_test, y_train, y_test = train_test_split(
        data.data, data.target, test_size=0.25, random_state=0, stratify=data.target)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model = make_pipeline(StandardScaler(), MLPClassifier(random_state=0)).fit(x_train, y_train)
    theirs = accuracy_score(y_test, model.predict(x_test))
    names = [re.sub(r"\W+", "_", str(n)) for n in getattr(data, "feature_names", range(data.data.shape[1]))]
    with tempfile.TemporaryDirectory() as folder:
        write(os.path.join(folder, "train.csv"), names, "label", x_train, [label_names[t] for t in y_train])
        write(os.path.join(folder, "test.csv"), names, "label", x_test, [label_names[t] for t in y_test])
        ours = backprop(folder)["accuracy"]
    print(f"| {name} | {len(data.target)} × {data.data.shape[1]}, {len(label_names)} classes | "
          f"accuracy | {theirs:.4f} | {ours:.4f} | {100 * (ours - theirs):+.1f} points |", flush=True)


def regression(name, data):
    x_train, x_test, y_train, y_test = train_test_split(data.data, data.target, test_size=0.25, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model = make_pipeline(StandardScaler(), MLPRegressor(random_state=0)).fit(x_train, y_train)
    theirs = r2_score(y_test, model.predict(x_test))
    # MLPRegressor does not scale the target; with a scaled target (as Backprop does) it fits better.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        scaled = TransformedTargetRegressor(make_pipeline(StandardScaler(), MLPRegressor(random_state=0)),
                                            transformer=StandardScaler()).fit(x_train, y_train)
    scaled_r2 = r2_score(y_test, scaled.predict(x_test))
    names = [re.sub(r"\W+", "_", str(n)) for n in data.feature_names]
    with tempfile.TemporaryDirectory() as folder:
        write(os.path.join(folder, "train.csv"), names, "target", x_train, y_train)
        write(os.path.join(folder, "test.csv"), names, "target", x_test, y_test)
        ours = backprop(folder)["r2"]
    print(f"| {name} | {len(data.target)} × {data.data.shape[1]} | R² | {theirs:.4f} "
          f"(target scaled too: {scaled_r2:.4f}) | {ours:.4f} | {ours - theirs:+.3f} "
          f"({ours - scaled_r2:+.3f}) |", flush=True)


print("| data set | shape | measure | scikit-learn | Backprop | difference |")
print("|---|---|---|---|---|---|")
iris = datasets.load_iris()
classification("iris", iris, list(iris.target_names))
wine = datasets.load_wine()
classification("wine", wine, list(wine.target_names))
cancer = datasets.load_breast_cancer()
classification("breast cancer", cancer, list(cancer.target_names))
digits = datasets.load_digits()
classification("digits", digits, [f"digit {d}" for d in range(10)])
regression("diabetes", datasets.load_diabetes())
