#!/usr/bin/env python3
"""Writes the NIfTI fixtures of DalsaNiftiGeometryTest with nibabel (Debian: apt-get install python3-nibabel).

The build and the tests never run this: its output is committed in plugins/src/test/resources/dalsa/nifti/.
Rerun it only to remake the fixtures:   /usr/bin/python3 scripts/dalsa-nifti-fixtures.py

Two small two-class scans (a bright ellipsoid, class 2, in a darker box, class 1) with scribbles:
  oblique_t1, oblique_t2, oblique_scribbles (.nii.gz): int16 / uint8, voxels 0.9 x 1.1 x 1.3 mm, an oblique qform
      (code 1, scanner) with qfac -1 and an sform (code 4, MNI) with its own rotation and offsets;
  metre_scan (.nii.gz): one 4D float32 file (x, y, z, modality), voxels in metres (0.001 x 0.001 x 0.002 m),
      sform code 2 only (qform code 0), with metre_scribbles.
expected.json: what nibabel reads back from these files: codes, quaternion, offsets, srow, pixdim, units, and
the affines; the test compares DALSA's outputs with it.
"""
import json
import os

import nibabel as nib
import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "plugins", "src", "test", "resources", "dalsa", "nifti")
rng = np.random.default_rng(18)
shape = (16, 14, 12)


def rotation(ax, ay, az):
    cx, sx, cy, sy, cz, sz = np.cos(ax), np.sin(ax), np.cos(ay), np.sin(ay), np.cos(az), np.sin(az)
    rx = np.array([[1, 0, 0], [0, cx, -sx], [0, sx, cx]])
    ry = np.array([[cy, 0, sy], [0, 1, 0], [-sy, 0, cy]])
    rz = np.array([[cz, -sz, 0], [sz, cz, 0], [0, 0, 1]])
    return rz @ ry @ rx


def phantom():
    x, y, z = np.meshgrid(np.arange(shape[0]), np.arange(shape[1]), np.arange(shape[2]), indexing="ij")
    inside = ((x - 8) / 4.5) ** 2 + ((y - 7) / 4) ** 2 + ((z - 6) / 3.5) ** 2 < 1
    truth = np.where(inside, 2, 1).astype(np.uint8)
    t1 = np.where(inside, 900, 400) + rng.normal(0, 40, shape)
    t2 = np.where(inside, 300, 700) + rng.normal(0, 40, shape)
    scribbles = np.zeros(shape, np.uint8)
    scribbles[2:5, 2:4, 2:10] = 1
    scribbles[12:14, 10:12, 3:9] = 1
    scribbles[7:10, 6:8, 5:7] = 2
    return np.maximum(t1, 1), np.maximum(t2, 1), scribbles, truth


def describe(path):
    img = nib.load(path)
    h = img.header
    return {
        "shape": [int(v) for v in img.shape],
        "datatype": int(h["datatype"]),
        "qform_code": int(h["qform_code"]),
        "sform_code": int(h["sform_code"]),
        "quatern": [float(h["quatern_b"]), float(h["quatern_c"]), float(h["quatern_d"])],
        "qoffset": [float(h["qoffset_x"]), float(h["qoffset_y"]), float(h["qoffset_z"])],
        "srow": [[float(v) for v in h["srow_x"]], [float(v) for v in h["srow_y"]], [float(v) for v in h["srow_z"]]],
        "pixdim": [float(v) for v in h["pixdim"][:4]],
        "xyzt_units": int(h["xyzt_units"]),
        "space_unit": h.get_xyzt_units()[0],
        "qform_affine": img.get_qform().tolist(),
        "sform_affine": img.get_sform().tolist(),
    }


def save(data, affine, path, dtype, qform=None, qcode=0, scode=0, zooms=None, unit="mm"):
    img = nib.Nifti1Image(data.astype(dtype), affine)
    h = img.header
    h.set_data_dtype(dtype)
    if qform is not None:
        img.set_qform(qform, code=qcode)
    else:
        img.set_qform(None, code=0)
    img.set_sform(affine, code=scode)
    if zooms is not None:
        h.set_zooms(zooms)
    h.set_xyzt_units(unit, "sec")
    nib.save(img, path)


def main():
    os.makedirs(OUT, exist_ok=True)
    t1, t2, scribbles, truth = phantom()
    zooms = (0.9, 1.1, 1.3)
    q = np.eye(4)
    q[:3, :3] = rotation(0.3, -0.2, 0.5) @ np.diag([zooms[0], zooms[1], -zooms[2]])  # qfac -1: a left-handed voxel frame
    q[:3, 3] = [-71.5, 12.25, 33.0]
    s = np.eye(4)
    s[:3, :3] = rotation(-0.1, 0.25, -0.4) @ np.diag(zooms)
    s[:3, 3] = [-90.0, -125.0, -71.0]
    expected = {}
    for name, data, dtype in (("oblique_t1", t1, np.int16), ("oblique_t2", t2, np.int16), ("oblique_scribbles", scribbles, np.uint8),
                              ("oblique_truth", truth, np.uint8)):
        path = os.path.join(OUT, name + ".nii.gz")
        save(data, s, path, dtype, qform=q, qcode=1, scode=4, zooms=zooms)
        expected[name] = describe(path)
    m = np.diag([0.001, 0.001, 0.002, 1.0])
    m[:3, 3] = [0.01, -0.02, 0.03]
    scan = np.stack([t1, t2], axis=3).astype(np.float32)
    save(scan, m, os.path.join(OUT, "metre_scan.nii.gz"), np.float32, qform=None, scode=2, zooms=(0.001, 0.001, 0.002, 1.0), unit="meter")
    expected["metre_scan"] = describe(os.path.join(OUT, "metre_scan.nii.gz"))
    save(scribbles, m, os.path.join(OUT, "metre_scribbles.nii.gz"), np.uint8, qform=None, scode=2, zooms=(0.001, 0.001, 0.002), unit="meter")
    expected["metre_scribbles"] = describe(os.path.join(OUT, "metre_scribbles.nii.gz"))
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump({"nibabel": nib.__version__, "files": expected}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
