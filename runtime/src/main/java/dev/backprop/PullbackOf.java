package dev.backprop;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks a static method as the pullback of another static method, which generated gradients
 * then call instead of differentiating it: the derivative of a library function without source
 * ({@code Erf.erf}), of a numerically careful function ({@code log1pexp}), or of one solved by
 * iteration (an implicit derivative), as Swift's {@code @derivative(of:)}, JAX's
 * {@code custom_vjp} and Clad's custom derivatives.
 *
 * <p>The pullback has the signature of a generated pullback: the function's parameters, then
 * {@code double seed}, then {@code double[] grad} (if the function has a differentiated
 * {@code double} parameter), then one {@code double[]} per differentiated {@code double[]}
 * parameter. It adds {@code seed} times each partial derivative into them, and returns nothing.
 *
 * <pre>{@code
 * @PullbackOf(type = Erf.class, method = "erf")
 * static void erfPullback(double x, double seed, double[] grad) {
 *   grad[0] += seed * 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);  // d erf / dx
 * }
 * }</pre>
 *
 * <p>A {@link Differentiable} method may then call {@code Erf.erf(x)}; its forward sweep calls
 * the function as written, its backward sweep the pullback. Registrations are found in the
 * calling method's top-level class (and the classes nested in it) and in the class that declares
 * the function: a function of one's own keeps its pullback beside it, a library function gets
 * one in the class that calls it (or a wrapper of one's own that does). {@code GradientCheck}
 * compares a method using the rule with central differences, which catches a wrong rule.
 */
@Documented
@Target(METHOD)
@Retention(CLASS)
public @interface PullbackOf {

  /**
   * The class that declares the function; {@code void.class} (the default) means the class that
   * declares this pullback.
   *
   * @return the class declaring the function
   */
  Class<?> type() default void.class;

  /**
   * The function's name; among overloads, the one whose parameters begin this pullback's.
   *
   * @return the name of the function
   */
  String method();

  /**
   * Names of the function's parameters the pullback differentiates, as {@link
   * Differentiable#wrt()}; empty (the default) means every {@code double} and {@code double[]}
   * parameter. A library compiled without {@code -parameters} names its parameters
   * {@code arg0}, {@code arg1}, ...
   *
   * @return the names of the differentiated parameters, or none for all of them
   */
  String[] wrt() default {};
}
