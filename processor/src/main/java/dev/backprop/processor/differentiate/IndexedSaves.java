package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.BinaryOp;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Expressions;
import dev.backprop.processor.ir.MathFunction;
import dev.backprop.processor.ir.Names;
import dev.backprop.processor.ir.Statements;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Sweep;
import dev.backprop.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;

/**
 * The values a counted loop saves on every iteration go into an array indexed by its counter,
 * {@code expPrev[i] = exp;} and {@code exp = expPrev[i];}, made before the loop as long as the
 * loop runs: what a hand-written backward pass does with the exponentials of a softmax. The tape
 * would keep the same values in the same order, but each push and pop also checks and moves the
 * tape's top. A save qualifies when it runs once per iteration (a statement of the body itself,
 * not of a branch) and its restore likewise in the reversed loop; it saves a {@code double}
 * (ints and branch flags stay on the tape).
 *
 * <p>The loop is a top-level one, with its reversed loop at the top of the backward sweep, or one
 * that runs with its reversed loop in each iteration of a fused loop ({@link Fusion}); then the
 * array is made once, before the fused loop, and each of its iterations fills it anew. A counted
 * loop at the top of such a loop's body saves into a matrix, {@code zPrev[c][row] = z;}, when
 * its bounds do not change while the outer loop runs.
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
      if (!(s instanceof Stmt.For loop)) {
        forward.add(s);
        continue;
      }
      // what changes while the loop runs, so cannot size an array made before it
      Set<String> variant = new HashSet<>(Statements.writes(loop.body()));
      variant.add(loop.counter());
      int q = reversedAt(backward, loop);
      if (q >= 0) {
        Pair pair = indexed(loop, (Stmt.For) backward.get(q), variant, forward);
        forward.add(pair.loop());
        backward.set(q, pair.reversed());
        continue;
      }
      // a fused loop: pairs of loops run in each of its iterations
      List<Stmt> body = new ArrayList<>(loop.body());
      for (int p = 0; p < body.size(); p++) {
        if (body.get(p) instanceof Stmt.For inner) {
          int r = reversedAt(body, inner);
          if (r > p) {
            Pair pair = indexed(inner, (Stmt.For) body.get(r), variant, forward);
            body.set(p, pair.loop());
            body.set(r, pair.reversed());
          }
        }
      }
      forward.add(loop.withBody(body));
    }
    return new Fusion.Sweeps(forward, backward);
  }

  /** A loop and its reversed loop. */
  private record Pair(Stmt.For loop, Stmt.For reversed) {}

  /**
   * {@code loop} and {@code reversed} with their qualifying saves indexed, the arrays' declarations
   * added to {@code declarations}; the same loops where none qualifies.
   *
   * @param variant what may change while the loop runs: bounds that read it do not size an array
   */
  private Pair indexed(Stmt.For loop, Stmt.For reversed, Set<String> variant,
      List<Stmt> declarations) {
    Expr rows = length(loop);
    if (rows == null || Expressions.variables(rows).stream().anyMatch(variant::contains)) {
      return new Pair(loop, reversed);
    }
    Expr row = index(loop);
    Map<Integer, Expr> places = new HashMap<>();
    List<Stmt> body = new ArrayList<>();
    List<Stmt> reversedBody = new ArrayList<>(reversed.body());
    for (Stmt t : loop.body()) {
      if (t instanceof Sweep.Save save && qualifies(save, reversed)) {
        body.add(saved(save, new Expr.NewArray(rows), row, null, places, declarations));
      } else if (t instanceof Stmt.For inner && length(inner) != null) {
        int r = reversedAt(reversedBody, inner);
        Expr columns = length(inner);
        if (r < 0 || Expressions.variables(columns).stream().anyMatch(variant::contains)) {
          body.add(t);
          continue;
        }
        Expr column = index(inner);
        Stmt.For innerReversed = (Stmt.For) reversedBody.get(r);
        List<Stmt> innerBody = new ArrayList<>();
        for (Stmt u : inner.body()) {
          innerBody.add(u instanceof Sweep.Save save && qualifies(save, innerReversed)
              ? saved(save, new Expr.NewArray(rows, columns), row, column, places, declarations)
              : u);
        }
        body.add(inner.withBody(innerBody));
        reversedBody.set(r, innerReversed.withBody(restored(innerReversed.body(), places)));
      } else {
        body.add(t);
      }
    }
    if (places.isEmpty()) {
      return new Pair(loop, reversed);
    }
    return new Pair(loop.withBody(body), reversed.withBody(restored(reversedBody, places)));
  }

  /** A save of a {@code double} on the tape whose restore is a statement of {@code reversed}. */
  private static boolean qualifies(Sweep.Save save, Stmt.For reversed) {
    return save.onTape() && save.target() instanceof Expr.Ref ref && ref.type() == Type.DOUBLE
        && reversed.body().stream()
            .anyMatch(t -> t instanceof Sweep.Restore r && r.id() == save.id());
  }

  /**
   * {@code xPrev[i] = x;} (or {@code xPrev[i][j] = x;}) for {@code save}, the array declared in
   * {@code declarations} and the element it takes recorded in {@code places}.
   */
  private Stmt saved(Sweep.Save save, Expr.NewArray array, Expr row, Expr column,
      Map<Integer, Expr> places, List<Stmt> declarations) {
    Expr.Ref ref = (Expr.Ref) save.target();
    String name = arrayOf.computeIfAbsent(save.id(),
        id -> names.fresh(names.wanted(ref.name()) + "Prev"));
    declarations.add(new Stmt.Declare(name, array.type(), array));
    Expr.Ref whole = new Expr.Ref(name, array.type());
    if (column == null) {
      places.put(save.id(), new Expr.Index(whole, row, Type.DOUBLE));
      return new Stmt.Store(name, row, null, ref, null);
    }
    places.put(save.id(), new Expr.Index(new Expr.Index(whole, row, Type.DOUBLE_ARRAY), column,
        Type.DOUBLE));
    return new Stmt.Store(name, row, column, null, ref, null);
  }

  /** {@code reversed} with each restore of a save in {@code places} read from its element. */
  private static List<Stmt> restored(List<Stmt> reversed, Map<Integer, Expr> places) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt t : reversed) {
      Expr place = t instanceof Sweep.Restore r ? places.get(r.id()) : null;
      out.add(place == null ? t
          : Stmt.Assign.of(((Expr.Ref) ((Sweep.Restore) t).target()).name(), place));
    }
    return out;
  }

  /** Where {@code loop}'s reversed loop stands at the top of {@code backward}, or -1. */
  private static int reversedAt(List<Stmt> backward, Stmt.For loop) {
    if (loop.sourceKey() == null || loop.countsDown()) {
      return -1;
    }
    for (int q = 0; q < backward.size(); q++) {
      if (backward.get(q) instanceof Stmt.For r && r.countsDown()
          && loop.sourceKey().equals(r.sourceKey())) {
        return q;
      }
    }
    return -1;
  }

  /**
   * How many iterations {@code for (int i = a; i < b; i++)} runs, for a literal {@code a >= 0}:
   * {@code b} from 0 when {@code b} is an array's length, a literal when {@code b} is one,
   * {@code Math.max(b, a) - a} otherwise; null for any other loop.
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
    Integer last = Exprs.decimalInt(end);
    if (last != null) {
      return Exprs.lit(Math.max(last, start) - start);
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
