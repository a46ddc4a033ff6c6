"""Reference points for the deterministic part of moons(): scikit-learn's make_moons formula
(noise=0, shuffle=False), evaluated with numpy (scikit-learn itself is not installed here; this is
its published definition: outer arc cos/sin of linspace(0, pi, n//2), inner arc 1 - cos and
1 - sin - 0.5 of linspace(0, pi, n - n//2)).

    python3 scripts/datasets-reference.py > test/fixtures/datasets-reference.json
"""
import json

import numpy as np


def make_moons(n):
    n_out = n // 2
    n_in = n - n_out
    outer_x = np.cos(np.linspace(0, np.pi, n_out))
    outer_y = np.sin(np.linspace(0, np.pi, n_out))
    inner_x = 1 - np.cos(np.linspace(0, np.pi, n_in))
    inner_y = 1 - np.sin(np.linspace(0, np.pi, n_in)) - 0.5
    X = np.vstack([np.append(outer_x, inner_x), np.append(outer_y, inner_y)]).T
    y = np.hstack([np.zeros(n_out, dtype=int), np.ones(n_in, dtype=int)])
    return X, y


out = {"generator": f"numpy {np.__version__}"}
for n in (7, 250):
    X, y = make_moons(n)
    out[f"moons_{n}"] = {"X": X.tolist(), "y": y.tolist()}
print(json.dumps(out))
