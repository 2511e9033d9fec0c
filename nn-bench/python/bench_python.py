#!/usr/bin/env python3
"""The nn-bench workloads in PyTorch and NumPy, printed as JSON lines for compare.py.

Usage: python3 bench_python.py THREADS   (Debian's python3-torch and python3-numpy; install
libopenblas0-pthread first, or NumPy and PyTorch run on the slow reference BLAS.)
Times are medians of repeated runs after a warm-up, in microseconds per operation.
"""
import json
import sys
import time

import numpy as np
import torch

THREADS = int(sys.argv[1])
torch.set_num_threads(THREADS)


def median_us(fn, repeat):
    for _ in range(max(3, repeat // 10)):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return float(np.median(times)) * 1e6


def emit(workload, impl, dtype, us, **extra):
    print(json.dumps(dict(workload=workload, impl=impl, dtype=dtype, threads=THREADS, us=us, **extra)))
    sys.stdout.flush()


def blas_in_use():
    with open("/proc/self/maps") as maps:
        names = sorted({line.split()[-1].split("/")[-1] for line in maps if "blas" in line.lower()})
    return names


def spiral(samples=100, classes=3):
    rng = np.random.RandomState(0)
    X = np.zeros((samples * classes, 2))
    y = np.zeros(samples * classes, dtype="int64")
    for c in range(classes):
        ix = range(samples * c, samples * (c + 1))
        r = np.linspace(0.0, 1, samples)
        t = np.linspace(c * 4, (c + 1) * 4, samples) + rng.randn(samples) * 0.2
        X[ix] = np.c_[r * np.sin(t * 2.5), r * np.cos(t * 2.5)]
        y[ix] = c
    return X, y


def torch_step(sizes, x, y, lr, optimizer="adam"):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers).to(x.dtype)
    loss_fn = torch.nn.CrossEntropyLoss()
    opt = torch.optim.Adam(model.parameters(), lr=lr) if optimizer == "adam" else torch.optim.SGD(model.parameters(), lr=lr)

    def step():
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()

    def predict():
        with torch.no_grad():
            return model(x)

    return step, predict


def numpy_step(sizes, x, y, lr):
    """The book's layers in NumPy: dense, ReLU, fused softmax cross-entropy, Adam."""
    rng = np.random.RandomState(0)
    params = []
    for i in range(len(sizes) - 1):
        params.append([0.01 * rng.randn(sizes[i], sizes[i + 1]), np.zeros((1, sizes[i + 1]))])
    state = [[np.zeros_like(p) for p in layer] + [np.zeros_like(p) for p in layer] for layer in params]
    t = [0]

    def step():
        acts = [x]
        for i, (w, b) in enumerate(params):
            z = acts[-1] @ w + b
            acts.append(np.maximum(0, z) if i < len(params) - 1 else z)
        out = acts[-1]
        e = np.exp(out - out.max(axis=1, keepdims=True))
        p = e / e.sum(axis=1, keepdims=True)
        d = p
        d[range(len(y)), y] -= 1
        d /= len(y)
        t[0] += 1
        for i in reversed(range(len(params))):
            w, b = params[i]
            grads = [acts[i].T @ d, d.sum(axis=0, keepdims=True)]
            if i > 0:
                d = d @ w.T
                d[acts[i] <= 0] = 0
            for j in range(2):
                m, v = state[i][j], state[i][j + 2]
                m *= 0.9
                m += 0.1 * grads[j]
                v *= 0.999
                v += 0.001 * grads[j] ** 2
                params[i][j] -= lr * (m / (1 - 0.9 ** t[0])) / (np.sqrt(v / (1 - 0.999 ** t[0])) + 1e-7)

    return step


X, Y = spiral()
rng = np.random.RandomState(0)
FX = rng.uniform(-1, 1, (128, 784))
FY = np.arange(128) % 10
for dtype, tdtype in (("float32", torch.float32), ("float64", torch.float64)):
    step, _ = torch_step([2, 64, 3], torch.tensor(X, dtype=tdtype), torch.tensor(Y), 0.05)
    emit("W1", "pytorch", dtype, median_us(step, 2000))
    step, _ = torch_step([784, 128, 128, 10], torch.tensor(FX, dtype=tdtype), torch.tensor(FY), 0.001)
    emit("W2", "pytorch", dtype, median_us(step, 300))
    step, predict = torch_step([2, 8, 3], torch.tensor([[0.3, -0.7]], dtype=tdtype), torch.tensor([2]), 0.1, "sgd")
    emit("W4-step", "pytorch", dtype, median_us(step, 5000))
    emit("W4-predict", "pytorch", dtype, median_us(predict, 5000))
    for shape in ("128.784.128", "128.128.128", "128.128.10", "784.128.128.tA", "128.128.784.tB", "1024.1024.1024"):
        parts = shape.split(".")
        m, k, n = (int(v) for v in parts[:3])
        a = torch.randn(k, m, dtype=tdtype).t() if parts[3:] == ["tA"] else torch.randn(m, k, dtype=tdtype)
        b = torch.randn(n, k, dtype=tdtype).t() if parts[3:] == ["tB"] else torch.randn(k, n, dtype=tdtype)
        us = median_us(lambda: torch.mm(a, b), 50 if m == 1024 else 500)
        emit("W3-" + shape, "pytorch", dtype, us, gflops=2 * m * k * n / us / 1e3)
step = numpy_step([2, 64, 3], X, Y, 0.05)
emit("W1", "numpy", "float64", median_us(step, 2000))
step = numpy_step([784, 128, 128, 10], FX, FY, 0.001)
emit("W2", "numpy", "float64", median_us(step, 300))
a = np.random.randn(1024, 1024)
us = median_us(lambda: a @ a, 50)
emit("W3-1024.1024.1024", "numpy", "float64", us, gflops=2 * 1024 ** 3 / us / 1e3)
print(json.dumps(dict(blas=blas_in_use(), torch=torch.__version__, numpy=np.__version__, threads=THREADS)))
