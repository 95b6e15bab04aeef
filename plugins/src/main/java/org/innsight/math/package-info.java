/**
 * Small numerical building blocks shared by the algorithm packages (no ImageJ, SciJava or picocli):
 * {@link org.innsight.math.Cholesky}, the solver of symmetric positive definite normal equations.
 */
package org.innsight.math;
