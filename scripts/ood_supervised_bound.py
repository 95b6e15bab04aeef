#!/usr/bin/env python3
"""How separable are half-exposed and weakly highlighted tissue spectra from ordinary tissue, for a detector that is
told what to look for? An upper bound for any unsupervised OOD score (issue 22, docs/ood.md). Needs numpy only.

Tables (CSV, from the repository root; the training tissue is the OOD model's own table, seed 11):
  ./innsight --threads 2 simulate --model msi --camera msi-16band --n 60000 --seed 11 --out T/train.csv
  ./innsight simulate --model msi --camera msi-16band --n 20000 --seed 12 --out T/id_test.csv
  for L in 0.5; do ./innsight simulate-ood --kind exposure --level $L --n 20000 --seed 31 --out T/tr_exposure_$L.csv
                   ./innsight simulate-ood --kind exposure --level $L --n 5000 --seed 21 --out T/exposure_$L.csv; done
  ./innsight simulate-ood --kind specular --level 0.1 --n 20000 --seed 31 --out T/tr_specular_0.1.csv
  ./innsight simulate-ood --kind specular --level 0.1 --n 5000 --seed 21 --out T/specular_0.1.csv
Then: python3 scripts/ood_supervised_bound.py T
Per kind: an MLP (2 x 128 tanh, Adam 1e-3, 30 epochs, batch 256, numpy seed 0) on log spectra (clipped at 1e-4),
20,000 tissue rows of train.csv against the 20,000 tr_KIND rows; the threshold flags 5% (2.5%) of id_test.csv, and
the printed share is what it flags of KIND.csv (the test rows).
"""
import sys
import numpy as np


def bands(path):
    with open(path) as f:
        lines = [l for l in f if not l.startswith('#')]
    header = lines[0].strip().split(',')
    a = np.array([[float(v) for v in l.strip().split(',')] for l in lines[1:]])
    return a[:, [i for i, h in enumerate(header) if h.startswith('band_')]]


def feat(x):
    return np.log(np.clip(x, 1e-4, None))


def main(folder):
    tissue, test = bands(f'{folder}/train.csv'), bands(f'{folder}/id_test.csv')
    for kind in ['exposure_0.5', 'specular_0.1']:
        other = bands(f'{folder}/tr_{kind}.csv')
        xa = np.vstack([feat(tissue[:20000]), feat(other)])
        ya = np.r_[np.zeros(20000), np.ones(len(other))]
        mu, sd = xa.mean(0), xa.std(0)
        xa = (xa - mu) / sd
        rng = np.random.default_rng(0)
        h = 128
        p = [rng.normal(0, 1 / 4, (xa.shape[1], h)), np.zeros(h), rng.normal(0, 1 / np.sqrt(h), (h, h)), np.zeros(h),
             rng.normal(0, 1 / np.sqrt(h), (h, 1)), np.zeros(1)]
        m1, m2 = [np.zeros_like(q) for q in p], [np.zeros_like(q) for q in p]

        def fwd(x):
            h1 = np.tanh(x @ p[0] + p[1])
            h2 = np.tanh(h1 @ p[2] + p[3])
            return h1, h2, (h2 @ p[4] + p[5])[:, 0]

        t = 0
        for _ in range(30):
            perm = rng.permutation(len(xa))
            for i in range(0, len(xa), 256):
                idx = perm[i:i + 256]
                x, y = xa[idx], ya[idx]
                h1, h2, o = fwd(x)
                g = ((1 / (1 + np.exp(-o)) - y) / len(idx))[:, None]
                gh2 = g @ p[4].T * (1 - h2 ** 2)
                gh1 = gh2 @ p[2].T * (1 - h1 ** 2)
                grads = [x.T @ gh1, gh1.sum(0), h1.T @ gh2, gh2.sum(0), h2.T @ g, g.sum(0)]
                t += 1
                for q, gq, a, b in zip(p, grads, m1, m2):
                    a *= 0.9
                    a += 0.1 * gq
                    b *= 0.999
                    b += 0.001 * gq * gq
                    q -= 1e-3 * (a / (1 - 0.9 ** t)) / (np.sqrt(b / (1 - 0.999 ** t)) + 1e-8)
        s_id = fwd((feat(test) - mu) / sd)[2]
        s_ood = fwd((feat(bands(f'{folder}/{kind}.csv')) - mu) / sd)[2]
        print(f'{kind}: supervised MLP flags {np.mean(s_ood > np.quantile(s_id, 0.95)):.4f} at 5% of ordinary tissue, '
              f'{np.mean(s_ood > np.quantile(s_id, 0.975)):.4f} at 2.5%')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
