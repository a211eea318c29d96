package dev.backprop.processor.ir;

import java.util.List;

/**
 * A method marked {@code @PullbackOf}, as read: where it is, the function it names, and what is
 * wrong with it (nothing: generated gradients call it for that function).
 *
 * @param function the function it is the pullback of, as {@code Class.method}
 * @param position the pullback's declaration
 * @param problems what does not fit, each reported at {@code position}
 */
public record PullbackRegistration(String function, Position position, List<Problem> problems) {

  public PullbackRegistration {
    problems = List.copyOf(problems);
  }

  /** What does not fit, and the text the message quotes. */
  public enum Kind {
    /** An annotation value javac has reported already: nothing to add. */
    PULLBACK_ERRONEOUS,
    /** Private, an instance method, not void, or declaring a checked exception. */
    PULLBACK_FORM,
    /** Another method of the pullback's class has its name. */
    PULLBACK_OVERLOADED,
    /** {@code type} names a primitive or an array, not a class. */
    PULLBACK_TYPE,
    /** The function is one the processor has a rule for ({@code Math.sin}). */
    PULLBACK_BUILT_IN,
    /** {@code wrt} names a parameter twice. */
    PULLBACK_WRT_DUPLICATE,
    /** The function has type parameters. */
    PULLBACK_GENERIC,
    /** The function takes varargs. */
    PULLBACK_VARARGS,
    /** The function takes a parameter of a type differentiable methods do not pass. */
    PULLBACK_PARAMETER_TYPE,
    /** The class has no static method of that name. */
    PULLBACK_NO_FUNCTION,
    /** The function is {@code @Differentiable}: it has a generated pullback. */
    PULLBACK_OF_DIFFERENTIABLE,
    /** The function does not return {@code double}. */
    PULLBACK_RETURN_TYPE,
    /** {@code wrt} names no {@code double} or {@code double[]} parameter of the function. */
    PULLBACK_WRT,
    /** The parameters are not the function's, the seed and the gradient arrays. */
    PULLBACK_SIGNATURE
  }

  /**
   * One thing that does not fit.
   *
   * @param kind what
   * @param details the values its message quotes, in order
   */
  public record Problem(Kind kind, List<String> details) {
    public Problem {
      details = List.copyOf(details);
    }
  }
}
