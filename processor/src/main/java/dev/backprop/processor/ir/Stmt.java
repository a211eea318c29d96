package dev.backprop.processor.ir;

import java.util.List;

/**
 * A statement. The read stage produces the kinds of the user's code, declared here; the
 * differentiate stage adds the bookkeeping of a gradient, declared in {@link Sweep}
 * ({@link Sweep.Count}, {@link Sweep.Save}, {@link Sweep.Restore}, {@link Sweep.Reversing},
 * {@link Sweep.Seed}, {@link Sweep.GradientOut}, {@link Sweep.Pullback}).
 *
 * <p>Passes that treat kinds differently implement {@link Visitor}, so adding a kind fails to
 * compile until each of them handles it. Traversals that treat every kind alike (every nested
 * statement, every expression, every variable written) live in {@link Statements}, itself built
 * on a visitor.
 */
public sealed interface Stmt
    permits Stmt.Declare, Stmt.Assign, Stmt.Store, Stmt.For, Stmt.While, Stmt.If, Stmt.Break,
        Stmt.Continue, Stmt.Return, Stmt.Throw, Stmt.Effect, Stmt.Unsupported, Sweep.Count,
        Sweep.Save, Sweep.Restore, Sweep.Undo, Sweep.Reversing, Sweep.Comment, Sweep.Seed,
        Sweep.GradientOut, Sweep.Pullback {

  /** Calls the visitor's method for this kind of statement. */
  <R> R accept(Visitor<R> visitor);

  /** One method per kind of statement. */
  interface Visitor<R> {
    R visitDeclare(Declare s);

    R visitAssign(Assign s);

    R visitStore(Store s);

    R visitFor(For s);

    R visitWhile(While s);

    R visitIf(If s);

    R visitBreak(Break s);

    R visitContinue(Continue s);

    R visitReturn(Return s);

    R visitThrow(Throw s);

    R visitEffect(Effect s);

    R visitUnsupported(Unsupported s);

    R visitCount(Sweep.Count s);

    R visitSave(Sweep.Save s);

    R visitRestore(Sweep.Restore s);

    R visitUndo(Sweep.Undo s);

    R visitReversing(Sweep.Reversing s);

    R visitComment(Sweep.Comment s);

    R visitSeed(Sweep.Seed s);

    R visitGradientOut(Sweep.GradientOut s);

    R visitPullback(Sweep.Pullback s);
  }

  /** {@code type name = init;} ({@code init} is null for a declaration without initialiser). */
  record Declare(String name, Type type, Expr init, Position position) implements Stmt {

    /** A generated declaration, with no source position. */
    public Declare(String name, Type type, Expr init) {
      this(name, type, init, null);
    }

    /** The variable, as an expression. */
    public Expr.Ref ref() {
      return new Expr.Ref(name, type);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitDeclare(this);
    }
  }

  /** {@code name = value;} or, with a compound operator, {@code name op= value;}. */
  record Assign(String name, BinaryOp compound, Expr value, Position position) implements Stmt {

    /** A generated plain assignment. */
    public static Assign of(String name, Expr value) {
      return new Assign(name, null, value, null);
    }

    /** Whether this is a compound assignment such as {@code +=}. */
    public boolean isCompound() {
      return compound != null;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitAssign(this);
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

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitStore(this);
    }
  }

  /**
   * {@code for (init; condition; update) { body }}. After the differentiate stage lowers loops,
   * only counted loops are left in this form ({@code for (int i = a; i < b; i++)}), and they run
   * backwards by their index; every other loop is a counting {@link While}.
   */
  record For(Declare init, Expr condition, Assign update, List<Stmt> body, Position position)
      implements Stmt {
    public For {
      body = List.copyOf(body);
    }

    /** This loop with another body. */
    public For withBody(List<Stmt> newBody) {
      return new For(init, condition, update, newBody, position);
    }

    /** The loop's index. */
    public String counter() {
      return init.name();
    }

    /** Whether the loop counts down: a backward sweep's reversal of a counted loop. */
    public boolean countsDown() {
      return update.compound() == BinaryOp.MINUS;
    }

    /**
     * The source loop this one is or reverses, as a key: its position and counter, which the
     * reversed loop and copies share; null for a loop without a position.
     */
    public String sourceKey() {
      return position == null ? null : position + "/" + counter();
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitFor(this);
    }
  }

  /**
   * {@code while (condition) { body }}, or {@code do { body } while (condition);} when
   * {@code bodyFirst}. Once loops are lowered, {@code counter} names the local that counts its
   * iterations (each iteration starts with {@link Sweep.Count}), so that the backward sweep runs as
   * many; it is null before.
   */
  record While(Expr condition, List<Stmt> body, boolean bodyFirst, String counter,
      Position position) implements Stmt {
    public While {
      body = List.copyOf(body);
    }

    /** This loop with another body. */
    public While withBody(List<Stmt> newBody) {
      return new While(condition, newBody, bodyFirst, counter, position);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitWhile(this);
    }
  }

  /** {@code if (condition) { then } else { otherwise }}; either list may be empty. */
  record If(Expr condition, List<Stmt> then, List<Stmt> otherwise, Position position)
      implements Stmt {
    public If {
      then = List.copyOf(then);
      otherwise = List.copyOf(otherwise);
    }

    /** A generated if, with no source position. */
    public If(Expr condition, List<Stmt> then, List<Stmt> otherwise) {
      this(condition, then, otherwise, null);
    }

    /** This if with other branches. */
    public If withBranches(List<Stmt> newThen, List<Stmt> newOtherwise) {
      return new If(condition, newThen, newOtherwise, position);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitIf(this);
    }
  }

  /** {@code break;} in a loop (until the differentiate stage lowers loops). */
  record Break(Position position) implements Stmt {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitBreak(this);
    }
  }

  /** {@code continue;} in a loop (until the differentiate stage lowers loops). */
  record Continue(Position position) implements Stmt {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitContinue(this);
    }
  }

  /** {@code return value;} (until the differentiate stage gives the method a single exit). */
  record Return(Expr value, Position position) implements Stmt {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitReturn(this);
    }
  }

  /**
   * {@code throw new E(args);}, an argument check's, as the whole branch of an {@code if}: it runs
   * in the forward sweep as written and has no part in the backward sweep. {@code args} are
   * values, and messages joined from string literals and values with {@code +}.
   *
   * @param packageName the exception class's package
   * @param exception the exception class's canonical name, {@code java.lang.ArithmeticException}
   */
  record Throw(String packageName, String exception, List<Expr> args, Position position)
      implements Stmt {

    public Throw {
      args = List.copyOf(args);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitThrow(this);
    }
  }

  /**
   * A statement kept for its effect alone: {@code assert condition : message;}, or a call whose
   * result is dropped ({@code System.err.println("x = " + x)}, {@code LOG.warning(...)}). It runs
   * as written in the forward sweep and has no part in the backward sweep; nothing it does can
   * reach the method's value (it writes no local, and is passed no array).
   *
   * @param call what is called, or null for an assert
   * @param args the call's arguments, or the assert's condition and (if any) message: values,
   *     and messages joined from string literals, values and calls returning strings
   */
  record Effect(Target call, List<Expr> args, Position position) implements Stmt {

    public Effect {
      args = List.copyOf(args);
    }

    /**
     * The method an effect calls: {@code Class.method(...)}, or {@code Class.FIELD.method(...)}.
     *
     * @param packageName the class's package
     * @param className the class's canonical name, {@code java.lang.System}
     * @param field the static final field whose method is called, {@code err}; null for a static
     *     method of the class
     * @param method the method's name
     * @param warnings the lint categories the call raises in another class ({@code deprecation},
     *     {@code removal}), which the generated method suppresses
     */
    public record Target(String packageName, String className, String field, String method,
        List<String> warnings) {
      public Target {
        warnings = List.copyOf(warnings);
      }
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitEffect(this);
    }
  }

  /** A statement the processor does not accept; the check stage reports it. */
  record Unsupported(Construct construct, String detail, Position position) implements Stmt {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitUnsupported(this);
    }
  }
}
