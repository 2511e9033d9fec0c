"""The book's spiral run in PyTorch, as `backprop train --dataset spiral` runs it: spiral(100, 3),
Dense(2, 64)-ReLU-Dense(64, 3), softmax cross-entropy, Adam(0.05, decay 5e-7, eps 1e-7), full batch,
10 001 epochs, then accuracy and loss on a new spiral. Timed whole by nn-bench/end_to_end.sh."""
import numpy as np
import torch

torch.set_num_threads(1)


def spiral(samples, classes, rng):
    x = np.zeros((samples * classes, 2))
    y = np.zeros(samples * classes, dtype=np.int64)
    for c in range(classes):
        ix = range(samples * c, samples * (c + 1))
        r = np.linspace(0.0, 1, samples)
        t = np.linspace(c * 4, (c + 1) * 4, samples) + rng.standard_normal(samples) * 0.2
        x[ix] = np.c_[r * np.sin(t * 2.5), r * np.cos(t * 2.5)]
        y[ix] = c
    return torch.tensor(x, dtype=torch.float32), torch.tensor(y)


rng = np.random.default_rng(0)
x, y = spiral(100, 3, rng)
model = torch.nn.Sequential(torch.nn.Linear(2, 64), torch.nn.ReLU(), torch.nn.Linear(64, 3))
optimizer = torch.optim.Adam(model.parameters(), lr=0.05, eps=1e-7)
schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: 1 / (1 + 5e-7 * step))
loss_function = torch.nn.CrossEntropyLoss()
for epoch in range(10001):
    optimizer.zero_grad()
    loss = loss_function(model(x), y)
    loss.backward()
    optimizer.step()
    schedule.step()
x_test, y_test = spiral(100, 3, rng)
with torch.no_grad():
    out = model(x_test)
    print("accuracy", (out.argmax(1) == y_test).float().mean().item(), "loss", loss_function(out, y_test).item())
