package dev.backprop.processor.check;

import dev.backprop.processor.ir.Position;
import dev.backprop.processor.ir.Reporter;

/** Reports errors for one method and counts them, so a check can say whether it passed. */
final class Errors {

  private final Reporter reporter;
  private int count;

  Errors(Reporter reporter) {
    this.reporter = reporter;
  }

  /** Reports {@code message} at {@code position}; a null position counts without reporting. */
  void report(Position position, Message message, Object... args) {
    count++;
    if (position != null) {
      reporter.error(position, message.format(args));
    }
  }

  boolean none() {
    return count == 0;
  }
}
