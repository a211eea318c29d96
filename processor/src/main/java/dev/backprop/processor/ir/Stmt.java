package dev.backprop.processor.ir;

import java.util.List;

/**
 * A statement. The read stage produces the first five kinds; the differentiate stage adds
 * the last four, which only appear in a backward sweep.
 */
public sealed interface Stmt {

  /** {@code type name = init;} ({@code init} is null for a declaration without initialiser). */
  record Declare(String name, Type type, Expr init, Position position) implements Stmt {}

  /** {@code name = value;} or, with a compound operator, {@code name op= value;}. */
  record Assign(String name, BinaryOp compound, Expr value, Position position) implements Stmt {

    /** Plain assignment. */
    public static Assign of(String name, Expr value) {
      return new Assign(name, null, value, null);
    }

    /** Whether this is a compound assignment such as {@code +=}. */
    public boolean isCompound() {
      return compound != null;
    }
  }

  /**
   * {@code array[index] = value;}, or {@code array[row][index] = value;} when {@code row} is not
   * null (a local {@code double[][]}); with a compound operator, {@code op=}.
   */
  record Store(String array, Expr row, Expr index, BinaryOp compound, Expr value,
      Position position) implements Stmt {

    /** A store into a {@code double[]}. */
    public Store(String array, Expr index, BinaryOp compound, Expr value, Position position) {
      this(array, null, index, compound, value, position);
    }

    /** Whether this is a compound assignment such as {@code +=}. */
    public boolean isCompound() {
      return compound != null;
    }

    /** The element written, as an expression: {@code array[index]} or {@code array[row][index]}. */
    public Expr element() {
      return element(array);
    }

    /** The same element of another array of the same shape (an adjoint array). */
    public Expr element(String other) {
      if (row == null) {
        return new Expr.Index(new Expr.Ref(other, Type.DOUBLE_ARRAY), index, Type.DOUBLE);
      }
      Expr rowArray = new Expr.Index(new Expr.Ref(other, Type.DOUBLE_MATRIX), row,
          Type.DOUBLE_ARRAY);
      return new Expr.Index(rowArray, index, Type.DOUBLE);
    }

    /** A store of {@code value} (with {@code compound}) into the same element of {@code other}. */
    public Store into(String other, BinaryOp compound, Expr value) {
      return new Store(other, row, index, compound, value, null);
    }

    /** This store with another value. */
    public Store withValue(Expr newValue) {
      return new Store(array, row, index, compound, newValue, position);
    }
  }

  /**
   * {@code for (init; condition; update) { body }}, or {@code while (condition) { body }} when
   * {@code init} and {@code update} are null, or {@code do { body } while (condition);} when
   * {@code bodyFirst} is also set. A counted loop ({@code counter} null) runs backwards by its
   * index; any other loop counts its iterations in {@code counter}.
   */
  record For(Declare init, Expr condition, Assign update, List<Stmt> body, String counter,
      boolean bodyFirst, Position position) implements Stmt {
    public For {
      body = List.copyOf(body);
    }

    /** A loop that tests its condition before each iteration. */
    public For(Declare init, Expr condition, Assign update, List<Stmt> body, String counter,
        Position position) {
      this(init, condition, update, body, counter, false, position);
    }

    /** A counted loop. */
    public For(Declare init, Expr condition, Assign update, List<Stmt> body, Position position) {
      this(init, condition, update, body, null, false, position);
    }

    /** {@code do { body } while (condition);}. */
    public static For doWhile(List<Stmt> body, Expr condition, Position position) {
      return new For(null, condition, null, body, null, true, position);
    }

    /** This loop with another body. */
    public For withBody(List<Stmt> newBody) {
      return new For(init, condition, update, newBody, counter, bodyFirst, position);
    }

    /** Whether this is a while loop that counts its iterations. */
    public boolean isCounting() {
      return counter != null;
    }
  }

  /** {@code break;} in a loop (read stage only; the differentiate stage removes it). */
  record Break(Position position) implements Stmt {}

  /** {@code continue;} in a loop (read stage only; the differentiate stage removes it). */
  record Continue(Position position) implements Stmt {}

  /** {@code counter++;}: counts an iteration of a counting loop; forward sweep only. */
  record Count(String counter) implements Stmt {}

  /** {@code if (condition) { then } else { otherwise }}; either list may be empty. */
  record If(Expr condition, List<Stmt> then, List<Stmt> otherwise, Position position)
      implements Stmt {
    public If {
      then = List.copyOf(then);
      otherwise = List.copyOf(otherwise);
    }
  }

  /** {@code return value;}. */
  record Return(Expr value, Position position) implements Stmt {}

  /** A statement the processor does not accept; the check stage reports it. */
  record Unsupported(Construct construct, String detail, Position position) implements Stmt {}

  /** A comment naming the forward statement whose derivative follows: {@code // q = x + y}. */
  record Reversing(Stmt forward) implements Stmt {}

  /** Saves a value the next statement overwrites: {@code tape.push(value);}. */
  record Push(Expr value) implements Stmt {}

  /** Starts the backward sweep: {@code double name = seed;} (1 in the value-and-gradient form). */
  record Seed(String name) implements Stmt {}

  /**
   * Hands an adjoint to the caller: {@code grad[index] = value} in the value-and-gradient form,
   * {@code grad[index] += value} in the pullback.
   */
  record GradientOut(int index, Expr value) implements Stmt {}

  /**
   * Chains through another method's pullback: {@code double[] scratch = new double[n];
   * CalleeGrad.fPullback(args..., seed, scratch, arrayAdjoints...);} then the caller reads
   * {@code scratch[i]}; the callee adds straight into the caller's adjoint arrays.
   *
   * @param scratch the array for the callee's scalar partials, null when it has none
   * @param arrayAdjoints for each differentiated array parameter of the callee, the array its
   *     partials are added to
   */
  record Pullback(Callee callee, List<Expr> args, Expr seed, String scratch,
      List<Expr> arrayAdjoints) implements Stmt {
    public Pullback {
      args = List.copyOf(args);
      arrayAdjoints = List.copyOf(arrayAdjoints);
    }
  }
}
