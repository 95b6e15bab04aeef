/**
 * Reading and writing files.
 * <ul>
 * <li>{@link org.innsight.io.ImageFiles}: the entry point. {@code open(Path)} / {@code open(Path, hdf5Dataset)}
 * return an ImagePlus, {@code openImage(Path)} an ImgLib2 view, {@code openSpectral(Path)} a SpectralImage;
 * {@code save(image, Path, inputs)} writes by extension. Formats: TIFF ({@link org.innsight.io.TiffFiles}, ImageJ1),
 * HDF5 ({@link org.innsight.io.Hdf5Images}, jhdf), NIfTI-1 .nii/.nii.gz ({@link org.innsight.io.NiftiFiles}); others
 * through Bio-Formats when it is installed (Fiji), found by reflection.</li>
 * <li>{@link org.innsight.io.Hdf5Files}: n-D numeric datasets as {@link org.innsight.io.NdArray} (flat array +
 * shape, C order), attributes, dataset listing; {@link org.innsight.io.Hdf5Writer} writes datasets and attributes.</li>
 * <li>{@link org.innsight.io.AtomicFiles}: every output is written to a temporary file in the target folder and
 * renamed atomically; writing over an input file is refused.</li>
 * <li>{@link org.innsight.io.Checksums}: SHA-256 of files, folders, bytes and text (model cards, batch manifests).</li>
 * </ul>
 * Errors name the file and the problem (missing dataset with the list of datasets, truncated or corrupt file).
 */
package org.innsight.io;
