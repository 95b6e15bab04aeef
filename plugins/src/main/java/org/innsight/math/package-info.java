/**
 * Small numerical building blocks shared by the algorithm packages (no ImageJ, SciJava or picocli):
 * {@link org.innsight.math.Cholesky}, the solver of symmetric positive definite normal equations, and
 * {@link org.innsight.math.Statistics}, the medians and correlations that the benchmarks print.
 */
package org.innsight.math;
