package dev.backprop.processor.analysis;

import dev.backprop.processor.ir.Expr;
import java.util.Set;

/**
 * Whether an expression of doubles depends on a varied variable. An array element varies with
 * its array, a conditional with its branches (not its condition), and a piecewise-constant
 * function ({@code floor}, {@code signum}, ...) with nothing.
 */
final class Varied implements Expr.Visitor<Boolean> {

  private final Set<String> varied;

  Varied(Set<String> varied) {
    this.varied = varied;
  }

  private boolean test(Expr e) {
    return e.type().ofDoubles() && e.accept(this);
  }

  private boolean anyChild(Expr e) {
    return e.children().stream().anyMatch(this::test);
  }

  @Override
  public Boolean visitLiteral(Expr.Literal e) {
    return false;
  }

  @Override
  public Boolean visitRef(Expr.Ref e) {
    return varied.contains(e.name());
  }

  @Override
  public Boolean visitConstant(Expr.Constant e) {
    return false;
  }

  @Override
  public Boolean visitUnary(Expr.Unary e) {
    return anyChild(e);
  }

  @Override
  public Boolean visitBinary(Expr.Binary e) {
    return anyChild(e);
  }

  @Override
  public Boolean visitMathCall(Expr.MathCall e) {
    return !e.function().piecewiseConstant() && anyChild(e);
  }

  @Override
  public Boolean visitCall(Expr.Call e) {
    return anyChild(e);
  }

  @Override
  public Boolean visitConditional(Expr.Conditional e) {
    return test(e.whenTrue()) || test(e.whenFalse());
  }

  @Override
  public Boolean visitCast(Expr.Cast e) {
    return anyChild(e);
  }

  @Override
  public Boolean visitIndex(Expr.Index e) {
    return test(e.array());
  }

  @Override
  public Boolean visitLength(Expr.Length e) {
    return false;
  }

  @Override
  public Boolean visitNewArray(Expr.NewArray e) {
    return false;
  }

  @Override
  public Boolean visitZerosLike(Expr.ZerosLike e) {
    return false;
  }

  @Override
  public Boolean visitPartial(Expr.Partial e) {
    return false;
  }

  @Override
  public Boolean visitUnsupported(Expr.Unsupported e) {
    return false;
  }
}
