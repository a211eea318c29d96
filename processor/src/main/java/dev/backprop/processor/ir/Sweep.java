package dev.backprop.processor.ir;

import java.util.List;

/**
 * The statements the differentiate stage adds to the user's ({@link Stmt}): the bookkeeping of a
 * gradient, counting loop iterations, keeping and putting back overwritten values, the seed, the
 * gradient handed out, chaining through a callee's pullback, and comments for the reader.
 */
public final class Sweep {

  private Sweep() {}

  /** {@code counter++;}: counts an iteration of a {@link Stmt.While} loop; forward sweep only. */
  public record Count(String counter) implements Stmt {
    @Override
    public <R> R accept(Stmt.Visitor<R> visitor) {
      return visitor.visitCount(this);
    }
  }

  /**
   * Keeps the value that the next statement overwrites, for a {@link Restore} in the backward
   * sweep: {@code double xPrev = x;} when {@code local} names where, otherwise (in loops, where
   * the statement runs many times) {@code tape.push(x);}.
   *
   * @param target the variable ({@link Expr.Ref}) or array element ({@link Expr.Index}) saved
   * @param id pairs the save with its {@link Restore}, so that the two are kept or dropped
   *     together
   */
  public record Save(Expr target, String local, int id) implements Stmt {

    /** Whether the value goes on the tape rather than into a local. */
    public boolean onTape() {
      return local == null;
    }

    @Override
    public <R> R accept(Stmt.Visitor<R> visitor) {
      return visitor.visitSave(this);
    }
  }

  /**
   * Puts back a value a {@link Save} kept: {@code x = xPrev;} or {@code x = tape.popDouble();}.
   * Backward sweep only.
   *
   * @param id the id of the {@link Save} it pairs with
   */
  public record Restore(Expr target, String local, int id) implements Stmt {

    /** Whether the value comes from the tape rather than from a local. */
    public boolean fromTape() {
      return local == null;
    }

    @Override
    public <R> R accept(Stmt.Visitor<R> visitor) {
      return visitor.visitRestore(this);
    }
  }

  /**
   * Puts back an integer's earlier value by undoing its step, {@code idx -= 1;} for the forward
   * sweep's {@code idx += 1;}: exact in integer arithmetic, and nothing goes on the tape. Backward
   * sweep only.
   *
   * @param step the undoing operator, {@code -} for a {@code +=} and {@code +} for a {@code -=}
   */
  public record Undo(String name, BinaryOp step, Expr value) implements Stmt {
    @Override
    public <R> R accept(Stmt.Visitor<R> visitor) {
      return visitor.visitUndo(this);
    }
  }

  /** A comment naming the forward statement whose derivative follows: {@code // q = x + y}. */
  public record Reversing(Stmt forward) implements Stmt {
    @Override
    public <R> R accept(Stmt.Visitor<R> visitor) {
      return visitor.visitReversing(this);
    }
  }

  /** A line of comment in generated code, {@code // text}, saying why what follows is there. */
  public record Comment(String text) implements Stmt {
    @Override
    public <R> R accept(Stmt.Visitor<R> visitor) {
      return visitor.visitComment(this);
    }
  }

  /** Starts the backward sweep: {@code double name = seed;} (1 in the value-and-gradient form). */
  public record Seed(String name) implements Stmt {
    @Override
    public <R> R accept(Stmt.Visitor<R> visitor) {
      return visitor.visitSeed(this);
    }
  }

  /**
   * Hands an adjoint to the caller: {@code grad[index] = value} in the value-and-gradient form,
   * {@code grad[index] += value} in the pullback.
   */
  public record GradientOut(int index, Expr value) implements Stmt {
    @Override
    public <R> R accept(Stmt.Visitor<R> visitor) {
      return visitor.visitGradientOut(this);
    }
  }

  /**
   * Chains through another method's pullback: {@code double[] partials = new double[n];
   * CalleeGrad.fPullback(args..., seed, partials, arrayAdjoints...);} then the caller reads
   * {@code partials[i]} ({@link Expr.Partial}); the callee adds straight into the caller's
   * adjoint arrays.
   *
   * @param partials the array for the callee's scalar partials, null when it has none
   * @param arrayAdjoints for each differentiated array parameter of the callee, the array its
   *     partials are added to
   */
  public record Pullback(Callee callee, List<Expr> args, Expr seed, String partials,
      List<Expr> arrayAdjoints) implements Stmt {
    public Pullback {
      args = List.copyOf(args);
      arrayAdjoints = List.copyOf(arrayAdjoints);
    }

    @Override
    public <R> R accept(Stmt.Visitor<R> visitor) {
      return visitor.visitPullback(this);
    }
  }
}
