"""Reference values for @backprop/data's MAT reader, from scipy.io.loadmat.

    python3 scripts/mat-reference.py ../../../shared/datasets > test/fixtures/mat-reference.json

For every variable of every .mat file under coursera/ and matlab-samples/: the MATLAB class
(scipy's whosmat), the dims, and the values as scipy's loadmat(..., mat_dtype=True) gives them —
small arrays in full, large ones as the SHA-256 of their float64 little-endian bytes in
column-major (MATLAB) order plus count/min/max. Complex variables are read without mat_dtype
(scipy's mat_dtype=True drops imaginary parts). v7.3 (HDF5) files are recorded as unreadable.
"""
import hashlib
import json
import sys
from pathlib import Path

import numpy as np
import scipy
import scipy.io as sio
import scipy.sparse as sp

FULL_LIMIT = 64  # arrays up to this many values are written out in full


def numbers(a):
    flat = np.asarray(a).flatten(order="F")
    if flat.dtype.kind in "iu":
        return [str(int(v)) for v in flat]  # exact, also beyond 2**53
    return [float(v) for v in flat]


def digest(a):
    return hashlib.sha256(np.asarray(a, dtype="<f8").flatten(order="F").tobytes()).hexdigest()


def describe(value, mclass=None):
    if sp.issparse(value):
        csc = value.tocsc()
        csc.sort_indices()
        return {
            "kind": "sparse",
            "dims": list(csc.shape),
            "rowIndices": [int(i) for i in csc.indices],
            "colPointers": [int(i) for i in csc.indptr],
            "values": [float(v) for v in csc.data],
        }
    if isinstance(value, np.ndarray) and value.dtype.kind == "U":
        return {"kind": "char", "value": "".join(value.flatten().tolist())}
    if isinstance(value, np.ndarray) and value.dtype.names is not None:
        return {
            "kind": "struct",
            "dims": list(value.shape),
            "fields": list(value.dtype.names),
            "elements": [{f: describe(el[f]) for f in value.dtype.names} for el in value.flatten(order="F")],
        }
    if isinstance(value, np.ndarray) and value.dtype == object:
        if value.shape == (1, 1) and value[0, 0] is None or (value.size == 1 and isinstance(value.flat[0], np.ndarray) and value.flat[0].dtype.names == ()):
            return {"kind": "struct", "dims": list(value.shape), "fields": [], "elements": [{}]}
        return {"kind": "cell", "dims": list(value.shape), "cells": [describe(c) for c in value.flatten(order="F")]}
    a = np.asarray(value)
    out = {"kind": "numeric", "dims": list(a.shape), "count": int(a.size)}
    real = a.real if np.iscomplexobj(a) else a
    if a.size <= FULL_LIMIT:
        out["real"] = numbers(real)
        if np.iscomplexobj(a):
            out["imag"] = numbers(a.imag)
    else:
        out["sha256"] = digest(real)
        out["min"] = float(real.min())
        out["max"] = float(real.max())
    return out


def main(root):
    result = {"generator": f"scipy {scipy.__version__}, numpy {np.__version__}", "files": {}}
    for folder in ("coursera", "matlab-samples"):
        for path in sorted(Path(root, folder).glob("*.mat")):
            key = f"{folder}/{path.name}"
            try:
                classes = {name: mclass for name, _, mclass in sio.whosmat(path)}
                plain = sio.loadmat(path, mat_dtype=False)
                typed = sio.loadmat(path, mat_dtype=True)
            except NotImplementedError as e:
                result["files"][key] = {"error": str(e)}
                continue
            variables = {}
            for name, mclass in classes.items():
                value = plain[name] if np.iscomplexobj(plain[name]) else typed[name]
                entry = describe(value)
                entry["class"] = mclass
                if mclass == "logical" and entry["kind"] == "numeric" and "real" not in entry:
                    entry["sha256"] = digest(typed[name])
                variables[name] = entry
            result["files"][key] = {"variables": variables}
    json.dump(result, sys.stdout, indent=1)


main(sys.argv[1])
