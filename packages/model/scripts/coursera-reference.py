"""Reference costs for the course's pre-trained network (ex4weights.mat), computed with numpy.

    python3 scripts/coursera-reference.py ../../../shared/datasets/coursera/ex4weights.mat \
        > test/fixtures/coursera-reference.json

Inputs are 20 samples with X[i, j] = ((31 i + 17 j) mod 101 - 50) / 50 (exact in float64 on both
sides: integer arithmetic, then one division) and labels y_i = (i mod 10) + 1 (the course's 1..10,
10 meaning digit 0). The cost is the course's nnCostFunction:
  J = -1/m sum_i sum_k [ y_ik log h_ik + (1 - y_ik) log(1 - h_ik) ]
      + lambda/(2m) (sum Theta1[:, 1:]^2 + sum Theta2[:, 1:]^2)
with sigmoid layers and the bias as column 0 of each Theta.
"""
import json
import sys

import numpy as np
import scipy.io as sio

weights = sio.loadmat(sys.argv[1])
theta1, theta2 = weights["Theta1"], weights["Theta2"]
m = 20
i = np.arange(m)[:, None]
j = np.arange(400)[None, :]
X = ((31 * i + 17 * j) % 101 - 50) / 50.0
y = (np.arange(m) % 10) + 1
Y = np.eye(10)[y - 1]


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


a1 = np.hstack([np.ones((m, 1)), X])
a2 = np.hstack([np.ones((m, 1)), sigmoid(a1 @ theta1.T)])
h = sigmoid(a2 @ theta2.T)
J = -np.sum(Y * np.log(h) + (1 - Y) * np.log(1 - h)) / m
reg = (np.sum(theta1[:, 1:] ** 2) + np.sum(theta2[:, 1:] ** 2)) / (2 * m)
print(json.dumps({
    "generator": f"numpy {np.__version__}",
    "m": m,
    "cost": J,
    "costLambda1": J + 1.0 * reg,
    "costLambda3": J + 3.0 * reg,
    "predictions": (np.argmax(h, axis=1) + 1).tolist(),
    "outputs": h[:3].tolist(),
}, indent=1))
