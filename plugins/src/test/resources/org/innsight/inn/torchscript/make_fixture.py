#!/usr/bin/env python3
"""Makes the TorchScript fixture for TorchScriptFlowTest: a tiny conditional two-sided affine coupling flow
with InnSight's documented signature, its model card, and the numbers PyTorch computes for fixed inputs.

Run once (Debian python3-torch 1.13):  /usr/bin/python3 make_fixture.py
Writes model/model.pt, model/model.json and expected.json next to this script. Seed: torch.manual_seed(2024).
"""
import hashlib
import json
import os

import torch
from torch import nn

here = os.path.dirname(os.path.abspath(__file__))
torch.manual_seed(2024)


class TinyFlow(nn.Module):
    """x (rows, 2), c (rows, 2): y2 = x2 exp(s1) + t1 given (x1, c); y1 = x1 exp(s2) + t2 given (y2, c)."""

    def __init__(self):
        super().__init__()
        self.first = nn.Sequential(nn.Linear(3, 8), nn.Tanh(), nn.Linear(8, 2))
        self.second = nn.Sequential(nn.Linear(3, 8), nn.Tanh(), nn.Linear(8, 2))
        # a normalisation inside the module, as FrEIA users would have it
        self.register_buffer("shift", torch.tensor([0.25, -0.5]))
        self.register_buffer("scale", torch.tensor([2.0, 0.5]))

    def forward(self, x: torch.Tensor, c: torch.Tensor):
        u = (x - self.shift) / self.scale
        u1, u2 = u[:, :1], u[:, 1:]
        a = self.first(torch.cat([u1, c], 1))
        s1 = torch.tanh(a[:, :1])
        y2 = u2 * torch.exp(s1) + a[:, 1:]
        b = self.second(torch.cat([y2, c], 1))
        s2 = torch.tanh(b[:, :1])
        y1 = u1 * torch.exp(s2) + b[:, 1:]
        log_det = (s1 + s2).sum(1) - torch.log(self.scale).sum()
        return torch.cat([y1, y2], 1), log_det

    @torch.jit.export
    def inverse(self, z: torch.Tensor, c: torch.Tensor) -> torch.Tensor:
        y1, y2 = z[:, :1], z[:, 1:]
        b = self.second(torch.cat([y2, c], 1))
        u1 = (y1 - b[:, 1:]) * torch.exp(-torch.tanh(b[:, :1]))
        a = self.first(torch.cat([u1, c], 1))
        u2 = (y2 - a[:, 1:]) * torch.exp(-torch.tanh(a[:, :1]))
        return torch.cat([u1, u2], 1) * self.scale + self.shift


flow = torch.jit.script(TinyFlow().eval())
model_dir = os.path.join(here, "model")
os.makedirs(model_dir, exist_ok=True)
pt = os.path.join(model_dir, "model.pt")
flow.save(pt)

x = torch.tensor([[0.1, 0.2], [1.5, -0.3], [-2.0, 0.7], [0.0, 0.0], [3.0, 1.0], [-0.5, -1.5]])
c = torch.tensor([[0.3, -1.0], [0.3, -1.0], [1.2, 0.4], [1.2, 0.4], [-0.7, 2.0], [-0.7, 2.0]])
z_in = torch.tensor([[0.5, -0.5], [-1.0, 2.0], [0.0, 0.3], [1.1, -0.2], [2.0, 0.1], [-0.4, -0.9]])
with torch.no_grad():
    z, log_det = flow(x, c)
    x_back = flow.inverse(z_in, c)
    log_p = -0.5 * (z ** 2).sum(1) - torch.log(torch.tensor(2 * torch.pi)) + log_det

expected = {
    "x": x.tolist(), "c": c.tolist(), "z": z.tolist(), "log_det": log_det.tolist(), "log_density": log_p.tolist(),
    "z_in": z_in.tolist(), "inverse_of_z_in": x_back.tolist(), "torch_version": torch.__version__,
}
with open(os.path.join(here, "expected.json"), "w") as f:
    json.dump(expected, f, indent=1)

with open(pt, "rb") as f:
    sha = hashlib.sha256(f.read()).hexdigest()
card = {
    "name": "tiny-torchscript-flow", "kind": "posterior-cinn", "version": "1",
    "description": "Fixture: a tiny conditional coupling flow exported from PyTorch " + torch.__version__ + " with torch.jit.script",
    "inputs": {"names": ["y1", "y2"], "normalisation": {"kind": "none"}},
    "outputs": [{"name": "a", "unit": "1"}, {"name": "b", "unit": "mm"}],
    "training": {"command": "/usr/bin/python3 make_fixture.py", "seed": 2024, "data_sha256": "unknown"},
    "validation": {},
    "files": {"model.pt": sha},
    "architecture": {"format": "torchscript", "dimension": 2, "conditions": 2},
}
with open(os.path.join(model_dir, "model.json"), "w") as f:
    json.dump(card, f, indent=1)
print("wrote", pt, sha)
