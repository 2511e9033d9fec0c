#!/usr/bin/python3
"""Backprop's defaults against scikit-learn's on public tables that Debian's packages ship.

Tables from python3-sklearn (bundled sets), python3-statsmodels (its data sets) and
python3-vega-datasets, read from those packages: nothing is fetched from the network. They include
missing cells (cars), text categories (cars, barley, grunfeld, modechoice, seattle-weather), a
high-cardinality text column (cars' 300 names), a table of 20 000 rows (randhie) and six
regressions. Each is split three times (seeds 0, 1, 2; 80 % train, 20 % test, stratified for
classes) into two CSV files with a header, as a user's files would be.

On each split:
- Backprop: `backprop train --dataset csv:train.csv --test csv:test.csv --label-column LABEL`, no
  other option (its table defaults); wall time of the whole process, JVM start included.
- scikit-learn's MLP pipeline with defaults: median imputation and scaling of numbers, most-frequent
  imputation and one-hot encoding of text, MLPClassifier, or MLPRegressor with the target scaled.
- HistGradientBoosting with defaults (missing numbers native, text as ordinal categories).
Accuracy (classification) or R² (regression) on the test file, and the fit time.

    /usr/bin/python3 nn-bench/tabular/benchmark.py [--jar nn-examples/target/backprop.jar] [--only NAME,...]
        [--backprop-option=--scale=robust ...]

Prints a Markdown table per table (means over the three splits) and the overall means.
"""
import argparse
import csv
import os
import re
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np
import pandas as pd
from sklearn import datasets
from sklearn.compose import ColumnTransformer, TransformedTargetRegressor
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.exceptions import ConvergenceWarning
from sklearn.impute import SimpleImputer
from sklearn.metrics import accuracy_score, r2_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler

SEEDS = (0, 1, 2)
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def sklearn_table(loader, label_names=None):
    data = loader()
    names = [re.sub(r"\W+", "_", str(n)) for n in getattr(data, "feature_names", range(data.data.shape[1]))]
    frame = pd.DataFrame(data.data, columns=names)
    frame["label"] = [label_names[t] for t in data.target] if label_names is not None else data.target
    return frame


def boston():
    path = os.path.join(os.path.dirname(datasets.__file__), "data", "boston_house_prices.csv")
    return pd.read_csv(path, skiprows=1)


def statsmodels_table(name):
    import statsmodels.api as sm
    return getattr(sm.datasets, name).load_pandas().data


def vega(name):
    from vega_datasets import local_data
    return getattr(local_data, name.replace("-", "_"))()


def tables():
    """(name, frame, label column, task): task is 'classification' or 'regression'."""
    iris = datasets.load_iris()
    wine = datasets.load_wine()
    cancer = datasets.load_breast_cancer()
    fair = statsmodels_table("fair")
    fair["affair"] = np.where(fair.pop("affairs") > 0, "yes", "no")
    anes = statsmodels_table("anes96").drop(columns=["logpopul"])
    anes["vote"] = np.where(anes["vote"] > 0, "Dole", "Clinton")
    mode = statsmodels_table("modechoice").drop(columns=["individual"])
    mode["mode"] = mode["mode"].map({1: "air", 2: "train", 3: "bus", 4: "car"})
    mode["choice"] = np.where(mode["choice"] > 0, "chosen", "not")
    weather = vega("seattle-weather").drop(columns=["date"])
    cars = vega("cars").drop(columns=["Year"]).dropna(subset=["Miles_per_Gallon"])
    grunfeld = statsmodels_table("grunfeld")
    grunfeld["firm"] = grunfeld["firm"].astype(str)
    return [
        ("iris", sklearn_table(datasets.load_iris, list(iris.target_names)), "label", "classification"),
        ("wine", sklearn_table(datasets.load_wine, list(wine.target_names)), "label", "classification"),
        ("breast cancer", sklearn_table(datasets.load_breast_cancer, list(cancer.target_names)), "label",
         "classification"),
        ("digits", sklearn_table(datasets.load_digits, [f"digit {d}" for d in range(10)]), "label", "classification"),
        ("seattle weather", weather, "weather", "classification"),
        ("affairs (fair)", fair, "affair", "classification"),
        ("vote (anes96)", anes, "vote", "classification"),
        ("mode choice", mode, "choice", "classification"),
        ("diabetes", sklearn_table(datasets.load_diabetes), "label", "regression"),
        ("boston", boston(), "MEDV", "regression"),
        ("cars mpg", cars, "Miles_per_Gallon", "regression"),
        ("barley", vega("barley"), "yield", "regression"),
        ("grunfeld", grunfeld, "invest", "regression"),
        ("randhie visits", statsmodels_table("randhie"), "mdvis", "regression"),
    ]


def backprop(jar, folder, label, options):
    command = ["java", "-jar", jar, "train", "--dataset", "csv:" + os.path.join(folder, "train.csv"),
               "--test", "csv:" + os.path.join(folder, "test.csv"), "--label-column", label, "--quiet",
               "--no-progress"] + options
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(" ".join(command) + "\n" + result.stderr)
    line = next(l for l in result.stdout.splitlines() if l.startswith("test:"))
    figures = dict((k, float(v)) for k, v in re.findall(r"(\w+) (-?[0-9.]+(?:e[-+]?\d+)?)", line))
    return figures, seconds


def sklearn_models(frame, label, task):
    features = frame.drop(columns=[label])
    text = [c for c in features.columns if features[c].dtype == object]
    numbers = [c for c in features.columns if c not in text]
    mlp_columns = ColumnTransformer([
        ("numbers", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numbers),
        ("text", make_pipeline(SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore")), text)])
    gbm_columns = ColumnTransformer([
        ("numbers", "passthrough", numbers),
        ("text", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=np.nan,
                                encoded_missing_value=np.nan), text)])
    # HistGradientBoosting takes at most 255 categories a column: a text column with more (cars' names)
    # goes in as its ordinal codes, as numbers.
    mask = [False] * len(numbers) + [features[c].nunique() <= 255 for c in text]
    if task == "classification":
        mlp = make_pipeline(mlp_columns, MLPClassifier(random_state=0))
        gbm = make_pipeline(gbm_columns, HistGradientBoostingClassifier(categorical_features=mask, random_state=0))
    else:
        mlp = TransformedTargetRegressor(make_pipeline(mlp_columns, MLPRegressor(random_state=0)),
                                         transformer=StandardScaler())
        gbm = make_pipeline(gbm_columns, HistGradientBoostingRegressor(categorical_features=mask, random_state=0))
    return {"mlp": mlp, "gbm": gbm}


def score(task, truth, predicted):
    return accuracy_score(truth, predicted) if task == "classification" else r2_score(truth, predicted)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jar", default=os.path.join(ROOT, "nn-examples", "target", "backprop.jar"))
    parser.add_argument("--only", default="")
    parser.add_argument("--backprop-option", action="append", default=[])
    args = parser.parse_args()
    options = [part for option in args.backprop_option for part in option.split("=", 1)]
    only = [n.strip() for n in args.only.split(",") if n.strip()]
    print("| table | shape | measure | Backprop | scikit-learn MLP | HistGradientBoosting | time: Backprop, MLP, HGB (s) |")
    print("|---|---|---|---|---|---|---|")
    means = {"classification": [], "regression": []}
    for name, frame, label, task in tables():
        if only and name not in only:
            continue
        results = {"ours": [], "mlp": [], "gbm": []}
        times = {"ours": [], "mlp": [], "gbm": []}
        for seed in SEEDS:
            train, test = train_test_split(frame, test_size=0.2, random_state=seed,
                                           stratify=frame[label] if task == "classification" else None)
            with tempfile.TemporaryDirectory() as folder:
                train.to_csv(os.path.join(folder, "train.csv"), index=False)
                test.to_csv(os.path.join(folder, "test.csv"), index=False)
                figures, seconds = backprop(args.jar, folder, label, options)
            results["ours"].append(figures["accuracy"] if task == "classification" else figures["r2"])
            times["ours"].append(seconds)
            for key, model in sklearn_models(frame, label, task).items():
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", ConvergenceWarning)
                    start = time.perf_counter()
                    model.fit(train.drop(columns=[label]), train[label])
                    times[key].append(time.perf_counter() - start)
                results[key].append(score(task, test[label], model.predict(test.drop(columns=[label]))))
        mean = {key: float(np.mean(values)) for key, values in results.items()}
        means[task].append(mean)
        measure = "accuracy" if task == "classification" else "R²"
        print(f"| {name} | {frame.shape[0]} × {frame.shape[1] - 1} | {measure} | {mean['ours']:.4f} | "
              f"{mean['mlp']:.4f} | {mean['gbm']:.4f} | {np.mean(times['ours']):.1f}, {np.mean(times['mlp']):.1f}, "
              f"{np.mean(times['gbm']):.1f} |", flush=True)
    for task, rows in means.items():
        if rows:
            print(f"\nmean {task} ({len(rows)} tables): Backprop {np.mean([r['ours'] for r in rows]):.4f}, "
                  f"MLP {np.mean([r['mlp'] for r in rows]):.4f}, HGB {np.mean([r['gbm'] for r in rows]):.4f}; "
                  f"at or above HGB on {sum(r['ours'] >= r['gbm'] for r in rows)}, "
                  f"at or above the MLP on {sum(r['ours'] >= r['mlp'] for r in rows)}")


if __name__ == "__main__":
    sys.exit(main())
