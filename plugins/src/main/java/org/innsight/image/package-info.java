/**
 * Images as algorithms see them: ImgLib2 views of ImageJ1 pixels, with their axes and calibration.
 * <ul>
 * <li>{@link org.innsight.image.ImagePlusBridge}: {@code wrap(ImagePlus)} gives a zero-copy
 * {@link org.innsight.image.CalibratedImage} (ArrayImg for one plane, PlanarImg over the stack's own arrays;
 * dimensions x, y, then c, z, t where larger than 1); {@code toImagePlus(CalibratedImage)} goes back, sharing the
 * planes where it can.</li>
 * <li>{@link org.innsight.image.Axes} / {@link org.innsight.image.Axis} / {@link org.innsight.image.AxisType}: which
 * dimension is x, y, channel, z or time, with scale, origin and unit per axis.</li>
 * <li>{@link org.innsight.image.SpectralImage}: float pixels (x, y, channel[, frame]) and the wavelength of each
 * channel, from slice labels ("520nm"), the "wavelengths" property or a JSON sidecar
 * ({@link org.innsight.image.Wavelengths}); {@code checkWavelengths(model, expectedNm)} compares with a model.</li>
 * <li>{@link org.innsight.image.Tiling}: per-pixel work over xy tiles with bounded memory; the work receives a
 * {@link org.innsight.image.PixelBlock} (pixels x channels) and fills its results.</li>
 * <li>{@link org.innsight.image.Normalisation}: none, L1 or L2 per spectrum (images, simulated tables, cameras and
 * models share it); {@link org.innsight.image.SpectralNormalisation} applies it to every pixel of an image.</li>
 * </ul>
 * Only this package and the adapters touch ImageJ1 types; algorithms take {@code RandomAccessibleInterval}s.
 */
package org.innsight.image;
