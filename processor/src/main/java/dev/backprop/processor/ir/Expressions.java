package dev.backprop.processor.ir;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Traversals that treat every kind of expression alike. */
public final class Expressions {

  private Expressions() {}

  /** Visits {@code e} and every sub-expression, parents first. */
  public static void forEach(Expr e, Consumer<Expr> action) {
    action.accept(e);
    for (Expr child : e.children()) {
      forEach(child, action);
    }
  }

  /** Whether {@code e} or any sub-expression satisfies {@code test}. */
  public static boolean any(Expr e, Predicate<Expr> test) {
    if (test.test(e)) {
      return true;
    }
    for (Expr child : e.children()) {
      if (any(child, test)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The variables {@code e} reads: every {@link Expr.Ref}, and the array of callee partials an
   * {@link Expr.Partial} reads from.
   */
  public static Set<String> variables(Expr e) {
    Set<String> names = new LinkedHashSet<>();
    addVariables(e, names);
    return names;
  }

  /** Adds the variables {@code e} reads to {@code into}. */
  public static void addVariables(Expr e, Set<String> into) {
    forEach(e, x -> {
      if (x instanceof Expr.Ref ref) {
        into.add(ref.name());
      } else if (x instanceof Expr.Partial partial) {
        into.add(partial.partials());
      }
    });
  }

  /** Whether {@code e} reads the variable {@code name}. */
  public static boolean reads(Expr e, String name) {
    return any(e, x -> x instanceof Expr.Ref ref && ref.name().equals(name));
  }

  /** Whether {@code e} calls a method: a {@code Math} function or a differentiable method. */
  public static boolean containsCall(Expr e) {
    return any(e, x -> x instanceof Expr.Call || x instanceof Expr.MathCall);
  }

  /**
   * The variable an array expression reads: {@code a} for {@code a} and for the row {@code a[i]}
   * (null for anything else).
   */
  public static String arrayName(Expr e) {
    Expr array = e instanceof Expr.Index index && index.type() != Type.DOUBLE ? index.array() : e;
    return array instanceof Expr.Ref ref ? ref.name() : null;
  }
}
