#!/usr/bin/env python3
"""Writes book_float64.txt: the book's chapter runs redone in float64, for BookChaptersTest.

Run from this folder with Debian's python3-numpy:  python3 book_float64.py > book_float64.txt

The book computes in float32. Its training runs are chaotic: two correct implementations that
round differently part after some thousands of steps. This script follows the book's algorithms
(nnfs's data generators, 0.01·randn weights drawn after the data, full-batch epochs, the book's
optimizers, softmax fused with cross-entropy), written with NumPy in float64, so that Backprop,
which computes in double, can be held to a tight reference as well as to the book's own numbers.
One deliberate difference from the book: dropout masks come from a stream of their own
(RandomState(0), uniform draws in row-major order, kept where u < 1 - rate), as Backprop's
Dropout does, where the book draws np.random.binomial from the global stream.

Each line is `chapter.value: number`; `early_data_loss` holds the data loss at epochs 0, 10, 100
and 1000, before the runs part; the other values are those of the last epoch; `lr` is the rate the book prints at epoch 10 000 (that of
step 9 999); `val_*` are measured on fresh data drawn after training.
"""
import numpy as np

EPOCHS = 10001


def spiral(samples, classes):
    X = np.zeros((samples * classes, 2))
    y = np.zeros(samples * classes, dtype='int64')
    for c in range(classes):
        ix = range(samples * c, samples * (c + 1))
        r = np.linspace(0.0, 1, samples)
        t = np.linspace(c * 4, (c + 1) * 4, samples) + np.random.randn(samples) * 0.2
        X[ix] = np.c_[r * np.sin(t * 2.5), r * np.cos(t * 2.5)]
        y[ix] = c
    return X, y


class Dense:
    def __init__(self, n_in, n_out, scale=0.01, l2=0.0):
        self.w = scale * np.random.randn(n_in, n_out)
        self.b = np.zeros((1, n_out))
        self.l2 = l2
        self.state = {}

    def forward(self, x, training):
        self.x = x
        return x @ self.w + self.b

    def backward(self, d):
        self.dw = self.x.T @ d + 2 * self.l2 * self.w
        self.db = d.sum(axis=0, keepdims=True) + 2 * self.l2 * self.b
        return d @ self.w.T

    def penalty(self):
        return self.l2 * (np.sum(self.w * self.w) + np.sum(self.b * self.b))


class ReLU:
    def forward(self, x, training):
        self.x = x
        return np.maximum(0, x)

    def backward(self, d):
        return np.where(self.x > 0, d, 0.0)


class Dropout:
    def __init__(self, rate):
        self.keep = 1 - rate
        self.stream = np.random.RandomState(0)

    def forward(self, x, training):
        if not training:
            self.mask = np.ones_like(x)
            return x.copy()
        u = self.stream.random_sample(x.size).reshape(x.shape)
        self.mask = np.where(u < self.keep, 1 / self.keep, 0.0)
        return x * self.mask

    def backward(self, d):
        return d * self.mask


class Sigmoid:
    def forward(self, x, training):
        self.out = 1 / (1 + np.exp(-x))
        return self.out

    def backward(self, d):
        return d * (1 - self.out) * self.out


class Optimizer:
    def __init__(self, lr, decay):
        self.lr0, self.decay, self.t = lr, decay, 0

    def rate(self):
        return self.lr0 / (1 + self.decay * self.t)

    def step(self, layers):
        rate = self.rate()
        for layer in layers:
            if isinstance(layer, Dense):
                for name, grad in (('w', layer.dw), ('b', layer.db)):
                    value = getattr(layer, name)
                    setattr(layer, name, value + self.update(layer.state.setdefault(name, {}), grad, rate))
        self.t += 1


class SGD(Optimizer):
    def __init__(self, lr=1.0, decay=0.0, momentum=0.0):
        super().__init__(lr, decay)
        self.momentum = momentum

    def update(self, state, grad, rate):
        v = self.momentum * state.get('v', 0.0) - rate * grad
        state['v'] = v
        return v


class Adam(Optimizer):
    def __init__(self, lr=0.001, decay=0.0, eps=1e-7, beta1=0.9, beta2=0.999):
        super().__init__(lr, decay)
        self.eps, self.beta1, self.beta2 = eps, beta1, beta2

    def update(self, state, grad, rate):
        m = self.beta1 * state.get('m', 0.0) + (1 - self.beta1) * grad
        v = self.beta2 * state.get('v', 0.0) + (1 - self.beta2) * grad * grad
        state['m'], state['v'] = m, v
        m_hat = m / (1 - self.beta1 ** (self.t + 1))
        v_hat = v / (1 - self.beta2 ** (self.t + 1))
        return -rate * m_hat / (np.sqrt(v_hat) + self.eps)


def forward(layers, x, training):
    for layer in layers:
        x = layer.forward(x, training)
    return x


def backward(layers, d):
    for layer in reversed(layers):
        d = layer.backward(d)


def penalty(layers):
    return sum(layer.penalty() for layer in layers if isinstance(layer, Dense))


def softmax_cross_entropy(logits, y):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    loss = np.mean(-np.log(np.clip(p[range(len(p)), y], 1e-7, 1 - 1e-7)))
    grad = p.copy()
    grad[range(len(p)), y] -= 1
    return loss, np.mean(p.argmax(axis=1) == y), grad / len(p)


def binary_cross_entropy(logits, y, layers):
    p = layers[-1].out
    pc = np.clip(p, 1e-7, 1 - 1e-7)
    loss = np.mean(-(y * np.log(pc) + (1 - y) * np.log(1 - pc)))
    return loss, np.mean((p > 0.5) == (y > 0.5)), -(y / pc - (1 - y) / (1 - pc)) / p.size


def mean_squared_error(out, y, precision):
    loss = np.mean((y - out) ** 2)
    return loss, np.mean(np.abs(out - y) < precision), -2 * (y - out) / out.size


CHECKPOINTS = (0, 10, 100, 1000)


def train(layers, optimizer, X, criterion):
    rates = []
    early = []
    for epoch in range(EPOCHS):
        out = forward(layers, X, True)
        loss, acc, grad = criterion(out)
        result = (acc, loss, penalty(layers))
        if epoch in CHECKPOINTS:
            early.append(loss)
        backward(layers, grad)
        rates.append(optimizer.rate())
        optimizer.step(layers)
    return (result, early), rates[EPOCHS - 2]


def report(chapter, run, rate, validation=None):
    (acc, loss, reg), early = run
    print("%s.early_data_loss: %s" % (chapter, " ".join(repr(float(v)) for v in early)))
    print("%s.accuracy: %r" % (chapter, float(acc)))
    print("%s.data_loss: %r" % (chapter, float(loss)))
    print("%s.regularization_loss: %r" % (chapter, float(reg)))
    print("%s.lr: %r" % (chapter, float(rate)))
    if validation is not None:
        print("%s.val_accuracy: %r" % (chapter, float(validation[1])))
        print("%s.val_loss: %r" % (chapter, float(validation[0])))


def spiral_chapter(chapter, samples, optimizer, l2=0.0, dropout=None):
    np.random.seed(0)
    X, y = spiral(samples, 3)
    layers = [Dense(2, 64, l2=l2), ReLU()] + ([Dropout(dropout)] if dropout else []) + [Dense(64, 3)]
    result, rate = train(layers, optimizer, X, lambda out: softmax_cross_entropy(out, y))
    X_test, y_test = spiral(100, 3)
    validation = softmax_cross_entropy(forward(layers, X_test, False), y_test)
    report(chapter, result, rate, validation)


print("# generated by book_float64.py with NumPy " + np.__version__)
spiral_chapter("ch11", 100, Adam(0.05, 5e-7))
spiral_chapter("ch10_sgd", 100, SGD(1.0, 1e-3, 0.9))
spiral_chapter("ch10_adam", 100, Adam(0.02, 1e-5))
spiral_chapter("ch14", 100, Adam(0.02, 5e-7), l2=5e-4)
spiral_chapter("ch15", 1000, Adam(0.05, 5e-5), l2=5e-4, dropout=0.1)

np.random.seed(0)
X, y = spiral(100, 2)
y = y.reshape(-1, 1)
layers = [Dense(2, 64, l2=5e-4), ReLU(), Dense(64, 1), Sigmoid()]
result, rate = train(layers, Adam(decay=5e-7), X, lambda out: binary_cross_entropy(out, y, layers))
X_test, y_test = spiral(100, 2)
y_test = y_test.reshape(-1, 1)
validation = binary_cross_entropy(forward(layers, X_test, False), y_test, layers)
report("ch16", result, rate, validation)

np.random.seed(0)
X = np.arange(1000).reshape(-1, 1) / 1000
y = np.sin(2 * np.pi * X)
precision = np.std(y) / 250
layers = [Dense(1, 64, 0.1), ReLU(), Dense(64, 64, 0.1), ReLU(), Dense(64, 1, 0.1)]
result, rate = train(layers, Adam(0.005, 1e-3), X, lambda out: mean_squared_error(out, y, precision))
report("ch17", result, rate, mean_squared_error(forward(layers, X, False), y, precision))
