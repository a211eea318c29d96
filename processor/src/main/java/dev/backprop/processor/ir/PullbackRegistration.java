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
    /** Private, an instance method, or not void. */
    PULLBACK_FORM,
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
