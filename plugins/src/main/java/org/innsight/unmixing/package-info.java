/**
 * Linear spectral unmixing, the classical baseline to the cINN posterior: {@link org.innsight.unmixing.LinearUnmixing}
 * (one spectrum: the modified Beer-Lambert law, non-negative least squares against the haemoglobin spectra averaged
 * over the camera's bands), {@link org.innsight.unmixing.Unmixing} (an image or a table in, sO2 and relative total
 * haemoglobin out, as every front end runs it), {@link org.innsight.unmixing.UnmixingRequest} (its options) and
 * {@link org.innsight.unmixing.UnmixingValidation} (its sO2 error beside the cINN's on held-out simulations).
 * No ImageJ GUI, SciJava or picocli here; see docs/unmixing.md.
 */
package org.innsight.unmixing;
