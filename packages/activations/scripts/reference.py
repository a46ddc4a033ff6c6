"""Reference values for @backprop/activations, computed independently with numpy and scipy.

    python3 scripts/reference.py > test/fixtures/reference.json

Values and derivatives are computed in numpy's extended precision (np.longdouble, 80-bit on
x86-64) from the textbook formulas, then rounded once to float64, so the references are
accurate to the last bit even where the float64 formulas cancel. Printed with repr() precision.
"""
import json

import numpy as np
import scipy
from scipy.special import softmax

L = np.longdouble
Z = np.array([-1000, -50, -30, -10, -3, -1, -0.5, -1e-3, 0, 1e-3, 0.5, 1, 3, 10, 30, 50, 1000], dtype=L)
C = np.sqrt(L(2) / L(np.pi))
K = L("0.044715")


def sigmoid(z):
    return L(1) / (L(1) + np.exp(-z))


def sigmoid_prime(z):
    e = np.exp(-np.abs(z))
    return e / (1 + e) ** 2


# GELU (tanh approximation) through the identity (1 + tanh u)/2 = sigmoid(2u), which does not
# cancel for negative z even in extended precision.
def gelu(z):
    return z * sigmoid(2 * C * (z + K * z**3))


def gelu_prime(z):
    u2 = 2 * C * (z + K * z**3)
    return sigmoid(u2) + z * sigmoid_prime(u2) * 2 * C * (1 + 3 * K * z * z)


def elu(z, alpha):
    return np.where(z > 0, z, L(alpha) * np.expm1(np.minimum(z, 0)))


def elu_prime(z, alpha):
    return np.where(z > 0, L(1), L(alpha) * np.exp(np.minimum(z, 0)))


with np.errstate(over="ignore"):
    s = sigmoid(Z)
    t = np.tanh(Z)
    forward = {
        "sigmoid": s,
        "tanh": t,
        "relu": np.maximum(Z, 0),
        "leakyRelu_0.01": np.where(Z > 0, Z, L("0.01") * Z),
        "leakyRelu_0.1": np.where(Z > 0, Z, L("0.1") * Z),
        "elu_1": elu(Z, 1),
        "elu_0.5": elu(Z, "0.5"),
        "softplus": np.logaddexp(L(0), Z),
        "gelu": gelu(Z),
        "linear": Z,
    }
    # Derivatives at the same points; the ReLU family takes the subgradient 0 (α for leaky) at z = 0.
    derivative = {
        "sigmoid": sigmoid_prime(Z),
        "tanh": 1 / np.cosh(Z) ** 2,
        "relu": np.where(Z > 0, L(1), L(0)),
        "leakyRelu_0.01": np.where(Z > 0, L(1), L("0.01")),
        "leakyRelu_0.1": np.where(Z > 0, L(1), L("0.1")),
        "elu_1": elu_prime(Z, 1),
        "elu_0.5": elu_prime(Z, "0.5"),
        "softplus": s,
        "gelu": gelu_prime(Z),
        "linear": np.ones_like(Z),
    }

SOFTMAX_ROWS = np.array(
    [
        [1.0, 2.0, 3.0, 4.0],
        [-1e4, 0.0, 1e4, 1e4],
        [1e4, 1e4 - 1, 1e4 - 2, -1e4],
        [0.0, 0.0, 0.0, 0.0],
        [-745.0, -744.0, -1000.0, 0.0],
    ],
    dtype=np.float64,
)


def f64(values):
    return [float(np.float64(v)) for v in values]


print(
    json.dumps(
        {
            "generator": f"numpy {np.__version__} (longdouble: {np.finfo(L).nmant + 1}-bit mantissa), scipy {scipy.__version__}",
            "z": f64(Z),
            "forward": {k: f64(v) for k, v in forward.items()},
            "derivative": {k: f64(v) for k, v in derivative.items()},
            "softmax": {
                "z": SOFTMAX_ROWS.tolist(),
                "a": softmax(SOFTMAX_ROWS.astype(L), axis=1).astype(np.float64).tolist(),
            },
        },
        indent=1,
    )
)
