package dev.backprop.processor.ir;

/** Receives errors at source positions; implemented by the read stage, which owns the trees. */
public interface Reporter {

  /** Reports a compile error at {@code position}. */
  void error(Position position, String message);
}
