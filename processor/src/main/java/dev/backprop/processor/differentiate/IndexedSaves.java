package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.BinaryOp;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.MathFunction;
import dev.backprop.processor.ir.Names;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The values a top-level counted loop saves on every iteration go into an array indexed by its
 * counter, {@code expPrev[i] = exp;} and {@code exp = expPrev[i];}, made before the loop as long
 * as the loop runs: what a hand-written backward pass does with the exponentials of a softmax.
 * The tape would keep the same values in the same order, but each push and pop also checks and
 * moves the tape's top. A save qualifies when it runs once per iteration (a statement of the
 * body itself, not of a branch or an inner loop) and its restore likewise in the reversed loop;
 * it saves a {@code double} (ints and branch flags stay on the tape).
 */
final class IndexedSaves {

  private final Names names;
  /** The array of each save, by id: the plain form and the pullback name it alike. */
  private final Map<Integer, String> arrayOf = new HashMap<>();

  IndexedSaves(Names names) {
    this.names = names;
  }

  /** Both sweeps with the saves of each qualifying loop indexed. */
  Fusion.Sweeps of(Fusion.Sweeps sweeps) {
    List<Stmt> forward = new ArrayList<>();
    List<Stmt> backward = new ArrayList<>(sweeps.backward());
    for (Stmt s : sweeps.forward()) {
      int q = s instanceof Stmt.For loop ? reversedAt(backward, loop) : -1;
      Expr length = q >= 0 ? length((Stmt.For) s) : null;
      if (length == null) {
        forward.add(s);
        continue;
      }
      Stmt.For loop = (Stmt.For) s;
      Stmt.For reversed = (Stmt.For) backward.get(q);
      Map<Integer, String> arrays = new HashMap<>();
      List<Stmt> body = new ArrayList<>();
      Expr index = index(loop);
      for (Stmt t : loop.body()) {
        if (t instanceof Stmt.Save save && save.onTape() && save.target() instanceof Expr.Ref ref
            && ref.type() == Type.DOUBLE
            && restoredIn(reversed, save.id())) {
          String array = arrayOf.computeIfAbsent(save.id(),
              id -> names.fresh(names.wanted(ref.name()) + "Prev"));
          arrays.put(save.id(), array);
          forward.add(new Stmt.Declare(array, Type.DOUBLE_ARRAY, new Expr.NewArray(length)));
          body.add(new Stmt.Store(array, index, null, ref, null));
        } else {
          body.add(t);
        }
      }
      if (arrays.isEmpty()) {
        forward.add(s);
        continue;
      }
      forward.add(loop.withBody(body));
      List<Stmt> reversedBody = new ArrayList<>();
      for (Stmt t : reversed.body()) {
        String array = t instanceof Stmt.Restore r ? arrays.get(r.id()) : null;
        reversedBody.add(array == null ? t : Stmt.Assign.of(((Expr.Ref) ((Stmt.Restore) t)
            .target()).name(), new Expr.Index(new Expr.Ref(array, Type.DOUBLE_ARRAY), index,
            Type.DOUBLE)));
      }
      backward.set(q, reversed.withBody(reversedBody));
    }
    return new Fusion.Sweeps(forward, backward);
  }

  /** Where {@code loop}'s reversed loop stands at the top of {@code backward}, or -1. */
  private static int reversedAt(List<Stmt> backward, Stmt.For loop) {
    if (loop.position() == null || loop.update().compound() != BinaryOp.PLUS) {
      return -1;
    }
    for (int q = 0; q < backward.size(); q++) {
      if (backward.get(q) instanceof Stmt.For r && r.update().compound() == BinaryOp.MINUS
          && Objects.equals(r.position(), loop.position())
          && r.counter().equals(loop.counter())) {
        return q;
      }
    }
    return -1;
  }

  private static boolean restoredIn(Stmt.For reversed, int id) {
    return reversed.body().stream().anyMatch(t -> t instanceof Stmt.Restore r && r.id() == id);
  }

  /**
   * How many iterations {@code for (int i = a; i < b; i++)} runs, for a literal {@code a >= 0}:
   * {@code b} from 0 when {@code b} is an array's length, {@code Math.max(b, a) - a} otherwise;
   * null for any other loop.
   */
  private static Expr length(Stmt.For loop) {
    Integer start = start(loop);
    if (start == null || !(loop.condition() instanceof Expr.Binary test)
        || test.op() != BinaryOp.LESS
        || !test.left().equals(new Expr.Ref(loop.counter(), Type.INT))
        || test.right().type() != Type.INT) {
      return null;
    }
    Expr end = test.right();
    if (start == 0 && end instanceof Expr.Length) {
      return end;
    }
    // Math.max(b, a) - a: never wraps around, as b - a does for b near Integer.MIN_VALUE
    Expr atLeastStart = new Expr.MathCall(MathFunction.MAX, "Math",
        List.of(end, Exprs.lit(start)), Type.INT);
    return Exprs.minus(atLeastStart, Exprs.lit(start));
  }

  /** {@code i - a}: the iteration's place in the array. */
  private static Expr index(Stmt.For loop) {
    Expr.Ref counter = new Expr.Ref(loop.counter(), Type.INT);
    int start = start(loop);
    return start == 0 ? counter : Exprs.minus(counter, Exprs.lit(start));
  }

  private static Integer start(Stmt.For loop) {
    return Exprs.decimalInt(loop.init().init()); // a literal >= 0
  }
}
