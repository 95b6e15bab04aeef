#!/usr/bin/python3
"""Writes the small NIfTI, HDF5 and TIFF fixtures the io tests read.

Made with Debian bookworm's python3-nibabel 5.0.0, python3-h5py 3.7.0, python3-tifffile 2023.2.3,
python3-numpy 1.24.2 (apt-get install -y python3-nibabel python3-h5py python3-tifffile), by

    cd plugins/src/test/resources/org/innsight/io && /usr/bin/python3 make_fixtures.py

No randomness: every voxel value comes from a formula of its index, repeated in the Java tests
(FixtureValues.java), so the tests compare against values computed independently of any reader.
"""
import os

import h5py
import nibabel as nib
import numpy as np
import tifffile

HERE = os.path.dirname(os.path.abspath(__file__))


def out(name):
    return os.path.join(HERE, name)


def grid(shape):
    """Index arrays i, j, k, ... for a numpy shape (axis 0 = NIfTI x)."""
    return np.indices(shape, dtype=np.float64)


# ---------------------------------------------------------------- NIfTI-1 (numpy axis 0 = x)

def affine(zooms, offset, rot=np.eye(3)):
    a = np.eye(4)
    a[:3, :3] = rot @ np.diag(zooms)
    a[:3, 3] = offset
    return a


def nifti_u8():
    i, j, k = grid((5, 4, 3))
    data = ((i + 10 * j + 50 * k) % 256).astype(np.uint8)
    img = nib.Nifti1Image(data, affine((0.5, 0.75, 2.0), (-10.0, 20.0, 5.0)))
    img.header.set_xyzt_units('mm', 'sec')
    img.set_qform(img.affine, code=1)
    img.set_sform(img.affine, code=2)
    img.to_filename(out('u8_xyz.nii'))


def nifti_i16_scaled():
    i, j, k, t = grid((4, 3, 2, 2))
    raw = ((i - 2 * j + 3 * k - 7 * t) * 100).astype(np.int16)
    img = nib.Nifti1Image(raw, affine((1.0, 1.0, 3.0), (0.0, 0.0, 0.0)))
    img.header.set_data_dtype(np.int16)
    img.header.set_slope_inter(0.5, -3.0)  # voxel value = 0.5 * raw - 3
    img.header.set_xyzt_units('mm', 'msec')
    img.header['pixdim'][4] = 40.0
    img.set_qform(img.affine, code=1)
    img.set_sform(None, code=0)
    img.to_filename(out('i16_scaled_xyzt.nii.gz'))
    back = nib.load(out('i16_scaled_xyzt.nii.gz'))
    assert back.dataobj.slope == 0.5 and back.dataobj.inter == -3.0, 'nibabel dropped scl_slope/scl_inter'


def nifti_f32_rotated():
    i, j, k, t = grid((6, 5, 4, 3))
    data = (i * 0.25 + j * 1.5 - k * 2 + t * 100 + 0.125).astype(np.float32)
    c, s = np.cos(np.pi / 2), np.sin(np.pi / 2)  # 90 degrees about z: a non-trivial quaternion
    rot = np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]])
    img = nib.Nifti1Image(data, affine((0.8, 0.9, 1.2), (12.5, -7.25, 3.0), rot))
    img.header.set_xyzt_units('mm', 'sec')
    img.header['pixdim'][4] = 2.5
    img.set_qform(img.affine, code=1)
    img.set_sform(img.affine, code=4)
    img.to_filename(out('f32_rotated_xyzt.nii.gz'))


def nifti_f64():
    i, j, k = grid((3, 4, 5))
    data = i / 3 + j * 1e-3 - k
    img = nib.Nifti1Image(data.astype(np.float64), affine((2.0, 2.0, 2.0), (1.0, 2.0, 3.0)))
    img.header.set_data_dtype(np.float64)
    img.header.set_xyzt_units('micron')
    img.to_filename(out('f64_xyz.nii'))


def nifti_vector():
    """dim[5] (the NIfTI 'u' axis) holds 3 channels."""
    i, j, k, t, u = grid((4, 3, 2, 1, 3))
    data = (i + 4 * j + 12 * k + 1000 * u).astype(np.float32)
    img = nib.Nifti1Image(data, affine((1.0, 1.0, 1.0), (0.0, 0.0, 0.0)))
    img.header.set_intent('vector')
    img.to_filename(out('f32_vector_xyzu.nii'))


# ---------------------------------------------------------------- HDF5 (C order: last axis fastest)

def hdf5():
    with h5py.File(out('datasets.h5'), 'w') as f:
        f.attrs['title'] = 'InnSight io fixture'
        f.attrs['version'] = 3
        g = f.create_group('images')
        a, b, c = grid((3, 4, 5))
        g['u8'] = ((a * 20 + b * 5 + c) % 256).astype(np.uint8)
        a, b = grid((4, 5))
        g['i16'] = (a * 1000 - b * 3000).astype(np.int16)
        g['u16'] = (65535 - a * 5 - b).astype(np.uint16)
        a, b, c, d = grid((2, 3, 4, 5))
        f32 = g.create_dataset('f32', data=(a * 1000 + b * 100 + c * 10 + d + 0.5).astype(np.float32))
        f32.attrs['scale'] = 0.25
        f32.attrs['note'] = 'a*1000 + b*100 + c*10 + d + 0.5'
        f['f64'] = np.arange(6, dtype=np.float64) / 7.0
        a, b = grid((2, 3))
        f['i64'] = (a * 3 + b - 10_000_000_000).astype(np.int64)
        f['u32'] = np.array([[0, 1], [3_000_000_000, 4_294_967_295]], dtype=np.uint32)
        a, b = grid((16, 16))
        f.create_dataset('chunked_gzip', data=(a * 16 + b).astype(np.float32), chunks=(8, 8), compression='gzip')
        ch, y, x = grid((4, 8, 10))
        s = f.create_dataset('spectral', data=(ch * 100 + y * 10 + x).astype(np.float32))
        s.attrs['axes'] = 'cyx'
        s.attrs['wavelengths_nm'] = np.array([500.0, 520.0, 540.0, 560.0])
        s.attrs['element_size'] = np.array([1.0, 0.5, 0.25])
        f['names'] = np.array([b'alpha', b'beta'])


# ---------------------------------------------------------------- TIFF (ImageJ hyperstacks)

def tiff():
    ch, y, x = grid((4, 6, 8))
    spectral = (ch * 0.5 + y * 8 + x - 20.25).astype(np.float32)
    tifffile.imwrite(out('spectral_cyx_f32.tif'), spectral, imagej=True, resolution=(2.0, 2.0),
                     metadata={'axes': 'CYX', 'unit': 'um', 'Labels': ['500nm', '520 nm', '540nm', '560nm']})
    t, z, c, y, x = grid((2, 3, 2, 5, 4))
    hyper = (t * 10000 + z * 1000 + c * 100 + y * 10 + x).astype(np.uint16)
    tifffile.imwrite(out('tzcyx_u16.tif'), hyper, imagej=True, metadata={'axes': 'TZCYX'})
    y, x = grid((7, 9))
    tifffile.imwrite(out('plain_u8.tif'), ((x * 13 + y * 29) % 256).astype(np.uint8))


if __name__ == '__main__':
    nifti_u8()
    nifti_i16_scaled()
    nifti_f32_rotated()
    nifti_f64()
    nifti_vector()
    hdf5()
    tiff()
    for name in sorted(os.listdir(HERE)):
        if not name.endswith('.py'):
            print(f'{os.path.getsize(out(name)):7d}  {name}')
