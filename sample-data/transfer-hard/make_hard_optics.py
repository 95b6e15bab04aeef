#!/usr/bin/env python3
"""Writes the tabulated optics of the "hard" camera of sample-data/transfer-hard (run in this folder):

hard-filters.csv -- 16 bands (nominal centres 500..800 nm in 20 nm steps, like msi-16band), each a skewed main peak
    shifted -6 nm (half widths 18 nm below and 26 nm above the peak: 44 nm FWHM against msi-16band's 20 nm) plus one
    strong out-of-band lobe of 40 % (24 nm FWHM) that alternates side: +90 nm for even bands, -70 nm for odd ones
    (where it falls inside 450-900 nm). Neighbouring bands overlap heavily and every band leaks light from a band
    four or five places away: band mixing no per-band rescaling undoes.
led-lamp.csv -- a white LED instead of a flat lamp: a blue pump line (450 nm, 22 nm FWHM) and a broad phosphor
    emission (peak 580 nm, 140 nm FWHM) that falls off into the near infrared, with a weak 1 % floor.

Plain Python, no numpy; deterministic: `python3 make_hard_optics.py` rewrites the same bytes.
"""
import math

LN2 = math.log(2)


def gauss(x, centre, fwhm):
    d = (x - centre) / fwhm
    return math.exp(-4 * LN2 * d * d)


def half_gauss(x, centre, half_width):
    d = (x - centre) / half_width
    return math.exp(-LN2 * d * d)


def response(lam, band, centre):
    peak = centre - 6.0
    main = half_gauss(lam, peak, 18.0 if lam < peak else 26.0)
    lobe_at = centre + 90.0 if band % 2 == 0 else centre - 70.0
    lobe = 0.40 * gauss(lam, lobe_at, 24.0) if 450 <= lobe_at <= 900 else 0.0
    v = main + lobe
    return v if v >= 1e-4 else 0.0


def lamp(lam):
    return 0.6 * gauss(lam, 450.0, 22.0) + gauss(lam, 580.0, 140.0) + 0.01


centres = [500 + 20 * i for i in range(16)]
with open("hard-filters.csv", "w", newline="\n") as f:
    f.write("lambda_nm," + ",".join("band_%02d" % i for i in range(16)) + "\n")
    for lam in range(450, 902, 2):
        f.write(str(lam) + "," + ",".join("%.6f" % response(lam, i, c) for i, c in enumerate(centres)) + "\n")
with open("led-lamp.csv", "w", newline="\n") as f:
    f.write("lambda_nm,relative_power\n")
    for lam in range(400, 952, 2):
        f.write("%d,%.6f\n" % (lam, lamp(lam)))
