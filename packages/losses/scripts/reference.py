"""Reference values for @backprop/losses, computed independently with numpy.

    python3 scripts/reference.py > test/fixtures/reference.json

Inputs are drawn from a seeded numpy generator and written out with the results, so the test
feeds exactly these inputs. Printed with repr() precision (float64 round-trips exactly).
"""
import json

import numpy as np

rng = np.random.default_rng(2024)
m, K = 5, 3
logits = rng.normal(size=(m, K)) * 2
pred_sigmoid = 1 / (1 + np.exp(-logits))                      # in (0, 1)
pred_softmax = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
y_binary = (rng.random(size=(m, K)) < 0.5).astype(np.float64)
y_onehot = np.eye(K)[rng.integers(0, K, size=m)]
pred_real = rng.normal(size=(m, K))
y_real = rng.normal(size=(m, K))

bce = -np.sum(y_binary * np.log(pred_sigmoid) + (1 - y_binary) * np.log(1 - pred_sigmoid)) / m
bce_grad = (pred_sigmoid - y_binary) / (pred_sigmoid * (1 - pred_sigmoid)) / m
cce = -np.sum(y_onehot * np.log(pred_softmax)) / m
cce_grad = -y_onehot / pred_softmax / m
diff = pred_real - y_real
mse_mean = np.sum(diff**2) / (m * K)
mse_half = np.sum(diff**2) / (2 * m)
mae = np.sum(np.abs(diff)) / (m * K)

W1 = rng.normal(size=(4, 3))
W2 = rng.normal(size=(3, 2))
lam = 0.7

print(
    json.dumps(
        {
            "generator": f"numpy {np.__version__}, default_rng(2024)",
            "m": m,
            "pred_sigmoid": pred_sigmoid.tolist(),
            "pred_softmax": pred_softmax.tolist(),
            "y_binary": y_binary.tolist(),
            "y_onehot": y_onehot.tolist(),
            "pred_real": pred_real.tolist(),
            "y_real": y_real.tolist(),
            "bce": bce,
            "bce_grad": bce_grad.tolist(),
            "cce": cce,
            "cce_grad": cce_grad.tolist(),
            "mse_mean": mse_mean,
            "mse_mean_grad": (2 * diff / (m * K)).tolist(),
            "mse_half": mse_half,
            "mse_half_grad": (diff / m).tolist(),
            "mae": mae,
            "W1": W1.tolist(),
            "W2": W2.tolist(),
            "lambda": lam,
            "l2_course": lam / (2 * m) * (np.sum(W1**2) + np.sum(W2**2)),
            "l2_keras": lam * (np.sum(W1**2) + np.sum(W2**2)),
            "l1_course": lam / m * (np.sum(np.abs(W1)) + np.sum(np.abs(W2))),
            "l1_keras": lam * (np.sum(np.abs(W1)) + np.sum(np.abs(W2))),
        },
        indent=1,
    )
)
