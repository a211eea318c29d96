/**
 * Numerical gradient checking: compares an analytic gradient (for example one the backprop
 * processor generated) with central differences, parameter by parameter, in one line of a test.
 *
 * <pre>{@code
 * GradientCheck.assertGradient(
 *     x -> Circuits.neuron(x[0], x[1], x[2], x[3], x[4]),
 *     (x, g) -> CircuitsGrad.neuron(x[0], x[1], x[2], x[3], x[4], g),
 *     1, 2, -3, -1, 3);
 * }</pre>
 *
 * <p>{@link dev.backprop.check.GradientCheck} holds the one-line entry points,
 * {@link dev.backprop.check.Checker} the settings (step, tolerances, parameter names), and
 * {@link dev.backprop.check.GradientReport} the result with its readable per-parameter table.
 */
package dev.backprop.check;
