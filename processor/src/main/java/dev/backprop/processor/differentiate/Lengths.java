package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Expressions;
import dev.backprop.processor.ir.Statements;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lengths a method's arrays keep: an array made once ({@code double[] h = new double[n]})
 * with a length whose variables nothing assigns again has length {@code n} wherever it is
 * used, and an {@code int n = v.length} set once stands for {@code v.length}.
 */
final class Lengths {

  private Lengths() {}

  /** How many times each variable is declared or assigned anywhere in {@code program}. */
  static Map<String, Integer> assignments(List<Stmt> program) {
    Map<String, Integer> assignments = new HashMap<>();
    Statements.forEach(program, s -> {
      if (s instanceof Stmt.Declare d) {
        assignments.merge(d.name(), 1, Integer::sum);
      } else if (s instanceof Stmt.Assign a) {
        assignments.merge(a.name(), 1, Integer::sum);
      }
    });
    return assignments;
  }

  /** The fixed length of each such array, and the {@code v.length} each such int holds. */
  static Map<String, Expr> fixed(List<Stmt> program) {
    Map<String, Integer> assignments = assignments(program);
    Map<String, Expr> lengths = new HashMap<>();
    Statements.forEach(program, s -> {
      if (!(s instanceof Stmt.Declare d) || assignments.get(d.name()) != 1) {
        return;
      }
      if (d.type() == Type.INT && d.init() instanceof Expr.Length) {
        lengths.put(d.name(), d.init());
      } else if (d.type() == Type.DOUBLE_ARRAY && d.init() instanceof Expr.NewArray array
          && array.columns() == null && Expressions.variables(array.length()).stream()
              .allMatch(v -> assignments.getOrDefault(v, 0) <= 1)) {
        lengths.put(d.name(), array.length());
      }
    });
    return lengths;
  }
}
