"""Times scikit-learn on the benchmark's own data and λ grids (written by `cargo bench -- --data DIR`).

Prints one JSON object per case: {"n", "degree", "penalty", "fit_ms", "path_ms", "cv_ms"}, medians.
Features follow CONVENTIONS.md (z-map to [-1, 1], powers, standardization); the CV folds are the
same i mod K folds (PredefinedSplit), with scikit-learn's default tolerances.
"""
import json
import sys
import time
import warnings

import numpy as np
from sklearn.linear_model import ElasticNet, ElasticNetCV, Lasso, LassoCV, Ridge, RidgeCV, enet_path, lasso_path
from sklearn.model_selection import PredefinedSplit

CASES = [(10, 9), (100, 12), (2000, 15), (20000, 20)]
BUDGET_S = 0.3


def median_ms(work):
    samples, start = [], time.perf_counter()
    while len(samples) < 3 or (len(samples) < 51 and time.perf_counter() - start < BUDGET_S):
        t0 = time.perf_counter()
        work()
        samples.append((time.perf_counter() - t0) * 1000)
    return float(np.median(samples))


def features(x, degree):
    lo, hi = x.min(), x.max()
    c, h = (lo + hi) / 2, ((hi - lo) / 2) or 1.0
    z = (x - c) / h
    p = np.column_stack([z**k for k in range(1, degree + 1)])
    s = p.std(axis=0)
    return (p - p.mean(axis=0)) / np.where(s == 0, 1, s)


def main(data_dir):
    warnings.simplefilter("ignore")
    for n, degree in CASES:
        xy = np.loadtxt(f"{data_dir}/data_{n}.csv", delimiter=",", skiprows=1, ndmin=2)
        x, y = xy[:, 0], xy[:, 1]
        xs = features(x, degree)
        yc = y - y.mean()
        split = PredefinedSplit(np.arange(n) % 5)
        for penalty in ("lasso", "ridge", "elasticnet"):
            grid = np.loadtxt(f"{data_dir}/grid_{n}_{degree}_{penalty}.txt")
            mid = grid[len(grid) // 2]
            if penalty == "lasso":
                fit = lambda: Lasso(alpha=mid).fit(xs, y)
                path = lambda: lasso_path(xs, yc, alphas=grid)
                cv = lambda: LassoCV(alphas=grid, cv=split).fit(xs, y)
            elif penalty == "elasticnet":
                fit = lambda: ElasticNet(alpha=mid, l1_ratio=0.5).fit(xs, y)
                path = lambda: enet_path(xs, yc, l1_ratio=0.5, alphas=grid)
                cv = lambda: ElasticNetCV(l1_ratio=0.5, alphas=grid, cv=split).fit(xs, y)
            else:
                fit = lambda: Ridge(alpha=n * mid, solver="svd").fit(xs, y)
                path = lambda: [Ridge(alpha=n * lam, solver="svd").fit(xs, y) for lam in grid]
                cv = lambda: RidgeCV(alphas=n * grid, cv=split).fit(xs, y)
            row = {"n": n, "degree": degree, "penalty": penalty,
                   "fit_ms": median_ms(fit), "path_ms": median_ms(path), "cv_ms": median_ms(cv)}
            print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
