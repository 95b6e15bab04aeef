/**
 * Spectral Normalise: {@link org.innsight.normalise.SpectralNormaliseRequest} (its one option, the norm) and
 * {@link org.innsight.normalise.SpectralNormalise#run} (image in, the named image {@code normalised} out), which
 * the Fiji command, the demo and macros call.
 */
package org.innsight.normalise;
