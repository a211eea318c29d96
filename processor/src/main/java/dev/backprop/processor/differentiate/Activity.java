package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Activity analysis: a variable is <em>active</em> when it depends on a differentiated parameter
 * (varied) and the result depends on it (useful). Only active variables get adjoints; every
 * other wire carries no gradient and is left out of the backward sweep. Flow-insensitive, so
 * conservative: a variable active anywhere is active everywhere.
 */
final class Activity {

  private final Set<String> varied = new HashSet<>();
  private final Set<String> useful = new HashSet<>();

  Activity(List<Stmt> body, java.util.Map<String, Type> parameters, Set<String> differentiated,
      String result) {
    varied.addAll(differentiated);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Def def : Def.all(body, parameters)) {
        if ((def.type() == Type.DOUBLE || def.type() == Type.DOUBLE_ARRAY
                || def.type() == Type.DOUBLE_MATRIX)
            && !varied.contains(def.name())
            && (isVaried(def.value()) || (def.compound() && varied.contains(def.name())))) {
          varied.add(def.name());
          changed = true;
        }
      }
    }
    useful.add(result);
    changed = true;
    while (changed) {
      changed = false;
      for (Def def : Def.all(body, parameters)) {
        if (useful.contains(def.name())) {
          Set<String> read = new HashSet<>();
          Exprs.refs(def.value(), read);
          changed |= useful.addAll(read);
        }
      }
    }
  }

  /** Registers a temporary the linearizer introduced for an active value. */
  void addTemporary(String name) {
    varied.add(name);
    useful.add(name);
  }

  /** Whether {@code name} gets an adjoint. */
  boolean isActive(String name) {
    return varied.contains(name) && useful.contains(name);
  }

  /** Whether gradient can flow through {@code e}: a double that depends on a varied variable. */
  boolean isActive(Expr e) {
    return e.type() == Type.DOUBLE && isVaried(e);
  }

  /**
   * Whether {@code e} is an array whose elements carry gradient: an active {@code double[]} or
   * local {@code double[][]}, or a row {@code m[i]} of such a matrix.
   */
  boolean isActiveArray(Expr e) {
    String array = Exprs.arrayName(e);
    return (e.type() == Type.DOUBLE_ARRAY || e.type() == Type.DOUBLE_MATRIX) && array != null
        && isActive(array);
  }

  private boolean isVaried(Expr e) {
    if (e.type() != Type.DOUBLE && e.type() != Type.DOUBLE_ARRAY
        && e.type() != Type.DOUBLE_MATRIX) {
      return false;
    }
    if (e instanceof Expr.Ref) {
      return varied.contains(((Expr.Ref) e).name());
    }
    if (e instanceof Expr.Index) {
      return isVaried(((Expr.Index) e).array());
    }
    if (e instanceof Expr.NewArray) {
      return false;
    }
    if (e instanceof Expr.Conditional) {
      Expr.Conditional c = (Expr.Conditional) e;
      return isVaried(c.whenTrue()) || isVaried(c.whenFalse());
    }
    for (Expr child : Exprs.children(e)) {
      if (isVaried(child)) {
        return true;
      }
    }
    return false;
  }

  /** One definition of a variable: a declaration with initialiser or an assignment. */
  record Def(String name, Type type, Expr value, boolean compound) {

    static List<Def> all(List<Stmt> body, java.util.Map<String, Type> parameters) {
      List<Def> defs = new java.util.ArrayList<>();
      collect(body, defs, new java.util.HashMap<>(parameters));
      return defs;
    }

    private static void collect(List<Stmt> body, List<Def> defs, java.util.Map<String, Type> types) {
      for (Stmt s : body) {
        if (s instanceof Stmt.Declare) {
          Stmt.Declare d = (Stmt.Declare) s;
          types.put(d.name(), d.type());
          if (d.init() != null) {
            defs.add(new Def(d.name(), d.type(), d.init(), false));
          }
        } else if (s instanceof Stmt.Assign) {
          Stmt.Assign a = (Stmt.Assign) s;
          Type type = types.getOrDefault(a.name(), a.value().type());
          defs.add(new Def(a.name(), type, a.value(), a.isCompound()));
        } else if (s instanceof Stmt.If) {
          collect(((Stmt.If) s).then(), defs, types);
          collect(((Stmt.If) s).otherwise(), defs, types);
        } else if (s instanceof Stmt.Store) {
          // an element store keeps the other elements: the array stays varied once it is
          Stmt.Store store = (Stmt.Store) s;
          Expr value = store.isCompound()
              ? new Expr.Binary(store.compound(), store.index(), store.value(), Type.DOUBLE)
              : store.value();
          defs.add(new Def(store.array(), types.getOrDefault(store.array(), Type.DOUBLE_ARRAY),
              value, true));
        } else if (s instanceof Stmt.For) {
          Stmt.For loop = (Stmt.For) s;
          if (loop.init() != null) {
            collect(List.of(loop.init(), loop.update()), defs, types);
          }
          collect(loop.body(), defs, types);
        }
      }
    }
  }
}
