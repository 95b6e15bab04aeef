#!/usr/bin/python3
"""Makes the Mutex Watershed test fixtures in this folder (run with Debian's python3-torch 1.13 and python3-h5py):

    cd plugins/src/test/resources/org/innsight/mws && /usr/bin/python3 make_fixtures.py

- affinities.h5: HDF5 affinities shaped (C, [Z,] Y, X) with numpy-order offsets, as affogato/elf take them:
    /aff3d   float32 (4, 3, 4, 5), value = c*1000 + z*100 + y*10 + x, attrs offsets (zyx), attractive = 3
    /aff2d   float64 (3, 6, 7), gzip-chunked, value = c*100 + y*10 + x, attr offsets (yx)
    /noattr  float32 (2, 2, 3) without offsets
    /uint8   uint8 (2, 1, 3) = [[0, 51, 255]], [[102, 204, 1]], attr offsets (yx)
    /random  float32 (5, 9, 11) seeded uniform values, attrs offsets (yx), attractive = 2
- model2d/, model3d/: tiny TorchScript affinity networks (random weights, seed 0) with model.json cards;
  model2d_io.h5 / model3d_io.h5: an input image and the network's full-image output, for the Java runner to match.
"""
import hashlib
import json
import os

import h5py
import numpy as np
import torch

SEED = 0
HERE = os.path.dirname(os.path.abspath(__file__))


def affinity_file():
    with h5py.File(os.path.join(HERE, "affinities.h5"), "w") as f:
        c, z, y, x = np.meshgrid(np.arange(4), np.arange(3), np.arange(4), np.arange(5), indexing="ij")
        d = f.create_dataset("aff3d", data=(c * 1000 + z * 100 + y * 10 + x).astype(np.float32))
        d.attrs["offsets"] = np.array([[-1, 0, 0], [0, -1, 0], [0, 0, -1], [-2, 1, 3]], dtype=np.int64)
        d.attrs["attractive"] = 3
        c, y, x = np.meshgrid(np.arange(3), np.arange(6), np.arange(7), indexing="ij")
        d = f.create_dataset("aff2d", data=(c * 100 + y * 10 + x).astype(np.float64), chunks=(1, 3, 4), compression="gzip")
        d.attrs["offsets"] = np.array([[-1, 0], [0, -1], [4, -2]], dtype=np.int32)
        f.create_dataset("noattr", data=np.zeros((2, 2, 3), dtype=np.float32))
        d = f.create_dataset("uint8", data=np.array([[[0, 51, 255]], [[102, 204, 1]]], dtype=np.uint8))
        d.attrs["offsets"] = np.array([[0, -1], [0, 2]], dtype=np.int64)
        rng = np.random.default_rng(SEED)
        d = f.create_dataset("random", data=rng.random((5, 9, 11), dtype=np.float32))
        d.attrs["offsets"] = np.array([[-1, 0], [0, -1], [-3, 0], [0, -3], [2, -2]], dtype=np.int64)
        d.attrs["attractive"] = 2


class Net2d(torch.nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.a = torch.nn.Conv2d(1, 6, 3, padding=1)
        self.b = torch.nn.Conv2d(6, channels, 3, padding=2, dilation=2)

    def forward(self, x):
        return torch.sigmoid(self.b(torch.relu(self.a(x))))


class Net3d(torch.nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.a = torch.nn.Conv3d(1, 4, 3, padding=1)
        self.b = torch.nn.Conv3d(4, channels, 3, padding=1)

    def forward(self, x):
        return torch.sigmoid(self.b(torch.relu(self.a(x))))


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def model(name, make_net, offsets, shape, halo, mean, sd):
    torch.manual_seed(SEED)
    net = make_net()
    folder = os.path.join(HERE, name)
    os.makedirs(folder, exist_ok=True)
    net = net.eval()
    example = torch.zeros((1, 1) + tuple(shape))
    traced = torch.jit.trace(net, example)
    weights = os.path.join(folder, "model.pt")
    traced.save(weights)
    axes = "zyx"[3 - len(shape):]
    card = {
        "name": name,
        "kind": "mws-affinities",
        "version": "1",
        "description": "Tiny random-weight affinity network: a test fixture, not a useful model.",
        "inputs": {"names": ["intensity"], "normalisation": {"kind": "standardise", "mean": [mean], "sd": [sd]}},
        "outputs": [{"name": "affinity " + str(o), "unit": "1", "range": [0, 1]} for o in offsets],
        "training": {"command": "cd plugins/src/test/resources/org/innsight/mws && /usr/bin/python3 make_fixtures.py",
                     "seed": SEED, "data_sha256": "unknown", "data_description": "none: random weights"},
        "files": {"model.pt": sha256(weights)},
        "details": {"offsets": offsets, "offset_order": axes, "attractive": len(shape), "meaning": "same-object",
                    "halo": halo, "tile": [32] * len(shape)},
    }
    with open(os.path.join(folder, "model.json"), "w") as f:
        json.dump(card, f, indent=2)
        f.write("\n")
    rng = np.random.default_rng(SEED + 1)
    image = rng.random(shape, dtype=np.float32)
    with torch.no_grad():
        x = (torch.from_numpy(image) - mean) / sd
        out = traced(x[None, None])[0].numpy()
    with h5py.File(os.path.join(HERE, name + "_io.h5"), "w") as f:
        f.create_dataset("input", data=image)
        f.create_dataset("output", data=out.astype(np.float32))


if __name__ == "__main__":
    affinity_file()
    model("model2d", lambda: Net2d(4), [[-1, 0], [0, -1], [-3, 0], [0, -3]], (37, 45), 3, 0.5, 0.25)
    model("model3d", lambda: Net3d(3), [[-1, 0, 0], [0, -1, 0], [0, 0, -1]], (7, 13, 11), 2, 0.5, 0.3)
