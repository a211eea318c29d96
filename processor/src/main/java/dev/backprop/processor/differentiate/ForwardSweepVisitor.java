package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Sweep;

/**
 * A visitor of the forward sweep, once it has one exit and lowered loops: the read stage's jumps
 * and returns are gone, the backward sweep's statements not there yet, so meeting one is a bug.
 */
abstract class ForwardSweepVisitor<R> implements Stmt.Visitor<R> {

  @Override
  public R visitBreak(Stmt.Break s) {
    throw notHere(s);
  }

  @Override
  public R visitContinue(Stmt.Continue s) {
    throw notHere(s);
  }

  @Override
  public R visitReturn(Stmt.Return s) {
    throw notHere(s);
  }

  @Override
  public R visitUnsupported(Stmt.Unsupported s) {
    throw notHere(s);
  }

  @Override
  public R visitRestore(Sweep.Restore s) {
    throw notHere(s);
  }

  @Override
  public R visitUndo(Sweep.Undo s) {
    throw notHere(s);
  }

  @Override
  public R visitReversing(Sweep.Reversing s) {
    throw notHere(s);
  }

  @Override
  public R visitComment(Sweep.Comment s) {
    throw notHere(s);
  }

  @Override
  public R visitSeed(Sweep.Seed s) {
    throw notHere(s);
  }

  @Override
  public R visitGradientOut(Sweep.GradientOut s) {
    throw notHere(s);
  }

  @Override
  public R visitPullback(Sweep.Pullback s) {
    throw notHere(s);
  }

  static IllegalStateException notHere(Stmt s) {
    return new IllegalStateException("the forward sweep has no " + s);
  }
}
