#!/usr/bin/python3
"""Makes simpa_like.h5, a small HDF5 file laid out like a SIMPA simulation (per-wavelength groups) plus plain
2D/1D datasets and deliberately broken datasets, for TableHdf5Test. Run: /usr/bin/python3 make_table_fixtures.py
(h5py 3.7, numpy 1.24). Deterministic: values are formulas, no random numbers."""
import h5py
import numpy as np

wavelengths = [700, 750, 800]
shape = (4, 5)  # a tiny "volume": 20 voxels -> 20 table rows
voxel = np.arange(20, dtype=np.float64).reshape(shape)
with h5py.File("simpa_like.h5", "w") as f:
    f.attrs["description"] = "SIMPA-style fixture for InnSight"
    for wl in wavelengths:
        f.create_dataset(f"simulations/simulation_properties/oxy/{wl}", data=voxel / 20.0)
        f.create_dataset(f"simulations/optical_forward_model_output/initial_pressure/{wl}",
                         data=(voxel + wl).astype(np.float32), compression="gzip")
    f.create_dataset("tables/spectra", data=np.stack([np.arange(20) * 1.0 + k for k in range(3)], axis=1).astype(np.float32))
    f.create_dataset("tables/oxy", data=np.linspace(0, 1, 20))
    f.create_dataset("tables/count", data=np.arange(20, dtype=np.int32))
    bad = np.arange(20, dtype=np.float32)
    bad[7] = np.nan
    f.create_dataset("bad/with_nan", data=bad)
    f.create_dataset("bad/short", data=np.arange(19, dtype=np.float32))
