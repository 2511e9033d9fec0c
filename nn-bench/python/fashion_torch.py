"""One epoch of the book's Fashion-MNIST recipe in PyTorch, loading included, as
`backprop train --dataset fashion-mnist --epochs 1` runs it: the IDX files read and scaled to
[-1, 1], the training set shuffled once, Dense(784, 128)-ReLU-Dense(128, 128)-ReLU-Dense(128, 10),
softmax cross-entropy, Adam(0.001, decay 1e-3, eps 1e-7), batches of 128, then accuracy and loss
on the test set. Timed whole by nn-bench/end_to_end.sh. Usage: fashion_torch.py [DIR] [THREADS]."""
import gzip
import sys

import numpy as np
import torch

folder = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
torch.set_num_threads(int(sys.argv[2]) if len(sys.argv) > 2 else 1)


def idx(name, offset):
    with gzip.open(f"{folder}/{name}.gz", "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def images(name):
    return torch.tensor((idx(name, 16).reshape(-1, 784).astype(np.float32) - 127.5) / 127.5)


def labels(name):
    return torch.tensor(idx(name, 8).astype(np.int64))


x, y = images("train-images-idx3-ubyte"), labels("train-labels-idx1-ubyte")
x_test, y_test = images("t10k-images-idx3-ubyte"), labels("t10k-labels-idx1-ubyte")
order = torch.from_numpy(np.random.default_rng(0).permutation(len(x)))
x, y = x[order], y[order]
model = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 128),
                            torch.nn.ReLU(), torch.nn.Linear(128, 10))
optimizer = torch.optim.Adam(model.parameters(), lr=0.001, eps=1e-7)
schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: 1 / (1 + 1e-3 * step))
loss_function = torch.nn.CrossEntropyLoss()
for start in range(0, len(x), 128):
    optimizer.zero_grad()
    loss = loss_function(model(x[start:start + 128]), y[start:start + 128])
    loss.backward()
    optimizer.step()
    schedule.step()
with torch.no_grad():
    out = model(x_test)
    print("accuracy", (out.argmax(1) == y_test).float().mean().item(), "loss", loss_function(out, y_test).item())
