/**
 * What every capability shares with its front ends: {@link org.innsight.request.Setting} (one option, defined
 * once), {@link org.innsight.request.Settings} (their values, as held by a capability's request, e.g.
 * {@code PosteriorRequest}), {@link org.innsight.request.Outputs} (what a capability made, by name, with its warnings)
 * and {@link org.innsight.request.UnitsCheck} (is the input in the units the model was trained on? the check before
 * posterior, OOD and transfer, with its setting {@code acceptUnits}).
 * <p>
 * The shape, per capability X in X's own package: {@code XRequest} (its settings, defaults, bounds and
 * {@code validate()}), one entry point {@code X.run(input, XRequest, ProgressListener)} returning named outputs;
 * {@code fiji/}, {@code cli/} and {@code batch/steps/} only translate their option syntax onto the request and
 * present the outputs by name. {@code FrontEndsTest} checks that they expose the same settings with the same
 * defaults.
 */
package org.innsight.request;
