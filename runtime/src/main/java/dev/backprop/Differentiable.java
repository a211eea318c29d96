package dev.backprop;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks a static numeric method whose exact gradient the backprop annotation processor
 * writes into a sibling class.
 *
 * <p>For {@code p.Circuits} with {@code @Differentiable static double neuron(double a, ...)}
 * the processor generates {@code p.CircuitsGrad} with
 *
 * <pre>{@code
 * // value and gradient: overwrites grad[i] = d neuron / d (i-th differentiated scalar)
 * public static double neuron(double a, ..., double[] grad)
 * // accumulates grad[i] += seed * d neuron / d (...); used to chain differentiable calls
 * public static void neuronPullback(double a, ..., double seed, double[] grad)
 * }</pre>
 *
 * <p>Parameters that are not differentiated ({@code int}, {@code long}, {@code boolean}, and
 * {@code double}s left out of {@link #wrt()}) are passed through unchanged.
 */
@Documented
@Target(METHOD)
@Retention(CLASS)
public @interface Differentiable {

  /**
   * Names of the parameters to differentiate, in any order; the gradient always follows
   * declaration order. Empty (the default) means every {@code double} parameter.
   *
   * @return the names of the parameters to differentiate, or none for all of them
   */
  String[] wrt() default {};
}
