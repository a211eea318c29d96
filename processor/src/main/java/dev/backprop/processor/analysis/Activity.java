package dev.backprop.processor.analysis;

import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Expressions;
import dev.backprop.processor.ir.Statements;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Activity analysis: a variable is <em>active</em> when it depends on a differentiated parameter
 * (varied) and the result depends on it (useful). Only active variables get adjoints; every
 * other wire carries no gradient and is left out of the backward sweep. Flow-insensitive, so
 * conservative: a variable active anywhere is active everywhere.
 */
public final class Activity {

  private final Set<String> varied = new HashSet<>();
  private final Set<String> useful = new HashSet<>();
  private final Varied variedTest = new Varied(varied);

  /**
   * The activity of {@code body}'s variables.
   *
   * @param parameters the method's parameters and their types
   * @param differentiated the differentiated parameters
   * @param result the variable holding the method's value; a {@code return e} counts as an
   *     assignment of it
   */
  public Activity(List<Stmt> body, Map<String, Type> parameters, Set<String> differentiated,
      String result) {
    List<Definition> definitions = Definition.all(body, parameters, result);
    varied.addAll(differentiated);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Definition def : definitions) {
        if (def.type().ofDoubles() && !varied.contains(def.name())
            && (isVaried(def.value()) || (def.accumulates() && varied.contains(def.name())))) {
          varied.add(def.name());
          changed = true;
        }
      }
    }
    useful.add(result);
    changed = true;
    while (changed) {
      changed = false;
      for (Definition def : definitions) {
        if (useful.contains(def.name())) {
          changed |= useful.addAll(gradientVariables(def.value()));
        }
      }
    }
  }

  /**
   * The variables of {@code e} a gradient can reach: not through a piecewise-constant function
   * ({@code floor(s)}, {@code StopGradient.of(s)}) nor a condition.
   */
  private static Set<String> gradientVariables(Expr e) {
    Set<String> names = new HashSet<>();
    addGradientVariables(e, names);
    return names;
  }

  private static void addGradientVariables(Expr e, Set<String> into) {
    if (e instanceof Expr.MathCall call && call.function().piecewiseConstant()) {
      return;
    }
    if (e instanceof Expr.Conditional c) {
      addGradientVariables(c.whenTrue(), into);
      addGradientVariables(c.whenFalse(), into);
      return;
    }
    if (e instanceof Expr.Ref r) {
      into.add(r.name());
    }
    e.children().forEach(child -> addGradientVariables(child, into));
  }

  /** Whether {@code name} gets an adjoint. */
  public boolean isActive(String name) {
    return varied.contains(name) && useful.contains(name);
  }

  /** Whether gradient can flow through {@code e}: a double that depends on a varied variable. */
  public boolean isActive(Expr e) {
    return e.type() == Type.DOUBLE && isVaried(e);
  }

  /**
   * Whether {@code e} is an array whose elements carry gradient: an active {@code double[]} or
   * local {@code double[][]}, or a row {@code m[i]} of such a matrix.
   */
  public boolean isActiveArray(Expr e) {
    String array = Expressions.arrayName(e);
    return (e.type() == Type.DOUBLE_ARRAY || e.type() == Type.DOUBLE_MATRIX) && array != null
        && isActive(array);
  }

  private boolean isVaried(Expr e) {
    return e.type().ofDoubles() && e.accept(variedTest);
  }

  /**
   * One definition of a variable: a declaration with a value, an assignment, a store into an
   * array (which keeps the array's other elements, so accumulates), or a return.
   */
  private record Definition(String name, Type type, Expr value, boolean accumulates) {

    static List<Definition> all(List<Stmt> body, Map<String, Type> parameters, String result) {
      Map<String, Type> types = new HashMap<>(parameters);
      Statements.forEach(body, s -> {
        if (s instanceof Stmt.Declare d) {
          types.put(d.name(), d.type());
        }
      });
      List<Definition> definitions = new ArrayList<>();
      Statements.forEach(body, s -> {
        if (s instanceof Stmt.Declare d && d.init() != null) {
          definitions.add(new Definition(d.name(), d.type(), d.init(), false));
        } else if (s instanceof Stmt.Assign a) {
          Type type = types.getOrDefault(a.name(), a.value().type());
          definitions.add(new Definition(a.name(), type, a.value(), a.isCompound()));
        } else if (s instanceof Stmt.Store store) {
          definitions.add(new Definition(store.array(),
              types.getOrDefault(store.array(), Type.DOUBLE_ARRAY), store.value(), true));
        } else if (s instanceof Stmt.Return r) {
          definitions.add(new Definition(result, Type.DOUBLE, r.value(), false));
        }
      });
      return definitions;
    }
  }
}
