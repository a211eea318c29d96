package dev.backprop.processor.check;

import dev.backprop.processor.ir.PullbackRegistration;
import dev.backprop.processor.ir.Reporter;

/**
 * Reports what does not fit in a {@code @PullbackOf} registration, at the registration: a
 * pullback that does not fit its function is never called, and the calls say nothing more.
 */
public final class PullbackChecker {

  private PullbackChecker() {}

  /** Reports each problem of {@code registration}; returns whether it has none. */
  public static boolean check(PullbackRegistration registration, Reporter reporter) {
    Errors errors = new Errors(reporter);
    // the first problem only: one error per registration
    for (PullbackRegistration.Problem problem : registration.problems()) {
      boolean reported = problem.kind() == PullbackRegistration.Kind.PULLBACK_ERRONEOUS;
      errors.report(reported ? null : registration.position(),
          Message.valueOf(problem.kind().name()), problem.details().toArray());
      break;
    }
    return errors.none();
  }
}
