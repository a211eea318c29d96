package dev.backprop.processor.differentiate;

import dev.backprop.processor.analysis.Activity;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Statements;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Declares the adjoint of each active local array where the array is made: as long (or of the
 * same shape) and zero to start with, {@code double[] dh = tape.zeros(h.length)}.
 */
final class ArrayAdjoints {

  private ArrayAdjoints() {}

  static List<Stmt> declare(List<Stmt> forward, Activity activity, Adjoints adjoints) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : forward) {
      List<List<Stmt>> blocks = Statements.parts(s).blocks();
      if (!blocks.isEmpty()) {
        s = Statements.withBlocks(s,
            blocks.stream().map(b -> declare(b, activity, adjoints)).toList());
      }
      out.add(s);
      if (s instanceof Stmt.Declare d && d.init() instanceof Expr.NewArray
          && activity.isActive(d.name())) {
        Expr array = d.ref();
        Expr zeros = d.type() == Type.DOUBLE_MATRIX
            ? new Expr.ZerosLike(array) : new Expr.NewArray(new Expr.Length(array));
        out.add(new Stmt.Declare(adjoints.of(d.name()), d.type(), zeros));
      }
    }
    return out;
  }
}
