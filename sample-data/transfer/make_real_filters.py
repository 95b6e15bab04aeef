#!/usr/bin/env python3
"""Writes real-filters.csv: the tabulated filter responses of the "real" camera of sample-data/transfer.

Each of the 16 bands (nominal centres 500..800 nm in 20 nm steps, like msi-16band) gets a skewed main peak
(shifted +4 nm; half widths 12 nm below and 22 nm above the peak, i.e. 34 nm FWHM against msi-16band's 20 nm) and a
secondary lobe of 25 % at +80 nm (20 nm FWHM): the kind of out-of-band leakage snapshot mosaic sensors show. Wide
filters and lobes mix neighbouring and distant bands, which no per-band rescaling can undo. Plain Python, no numpy;
deterministic: `python3 make_real_filters.py` rewrites the same bytes.
"""
import math

LN2 = math.log(2)


def half_gauss(x, centre, half_width):
    d = (x - centre) / half_width
    return math.exp(-LN2 * d * d)


def response(lam, centre):
    peak = centre + 4.0
    main = half_gauss(lam, peak, 12.0 if lam < peak else 22.0)
    lobe = 0.25 * half_gauss(lam, centre + 80.0, 10.0)
    v = main + lobe
    return v if v >= 1e-4 else 0.0


centres = [500 + 20 * i for i in range(16)]
with open("real-filters.csv", "w", newline="\n") as f:
    f.write("lambda_nm," + ",".join("band_%02d" % i for i in range(16)) + "\n")
    for lam in range(450, 902, 2):
        f.write(str(lam) + "," + ",".join("%.6f" % response(lam, c) for c in centres) + "\n")
