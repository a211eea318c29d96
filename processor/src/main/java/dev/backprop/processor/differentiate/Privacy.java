package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.BinaryOp;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Statements;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Sweep;
import dev.backprop.processor.ir.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The variables a counted loop's iterations use privately: every iteration writes them before
 * it reads them, so no value flows from one iteration to the next through them. A scalar is
 * private when an assignment comes before any read on every path; an array when a loop writes
 * every element of it ({@code for (int j = 0; j < n; j++) a[j] = ...;} over an array made with
 * length {@code n}) before anything reads it. What a save reads does not count: it keeps the old
 * value for the backward sweep only.
 */
final class Privacy {

  /** How a block first touches a variable. */
  private enum Access { NONE, WRITTEN, READ }

  /** The length of each array made once with a length nothing assigns ({@link Lengths}). */
  private final Map<String, Expr> lengths;

  private Privacy(Map<String, Expr> lengths) {
    this.lengths = lengths;
  }

  /** The variables each iteration of {@code loop}, a statement of {@code program}, keeps. */
  static Set<String> of(Stmt.For loop, List<Stmt> program) {
    Privacy privacy = new Privacy(Lengths.fixed(program));
    Set<String> found = new HashSet<>();
    for (String v : Statements.writes(loop.body())) {
      if (privacy.access(loop.body(), v) != Access.READ) {
        found.add(v);
      }
    }
    return found;
  }

  private Access access(List<Stmt> block, String v) {
    for (Stmt s : block) {
      Access first = access(s, v);
      if (first != Access.NONE) {
        return first;
      }
    }
    return Access.NONE;
  }

  private Access access(Stmt s, String v) {
    if (s instanceof Sweep.Save || s instanceof Sweep.Count || s instanceof Sweep.Reversing) {
      return Access.NONE;
    }
    if (s instanceof Stmt.For loop && (loop.counter().equals(v) || fills(loop, v))) {
      return Access.WRITTEN;
    }
    Statements.Parts parts = Statements.parts(s);
    if (parts.reads().contains(v)) {
      return Access.READ;
    }
    if (s instanceof Stmt.If branch) {
      Access then = access(branch.then(), v);
      Access otherwise = access(branch.otherwise(), v);
      if (then == Access.READ || otherwise == Access.READ) {
        return Access.READ;
      }
      return then == Access.WRITTEN && otherwise == Access.WRITTEN ? Access.WRITTEN : Access.NONE;
    }
    if (parts.loop()) {
      // it may not run at all, so it writes nothing for sure
      boolean read = access(parts.blocks().get(0), v) == Access.READ
          || parts.header().stream().anyMatch(h -> Statements.reads(h).contains(v));
      return read ? Access.READ : Access.NONE;
    }
    if (s instanceof Stmt.Declare d && d.name().equals(v)
        || s instanceof Stmt.Assign a && a.name().equals(v)) {
      return Access.WRITTEN;
    }
    return Access.NONE;
  }

  /**
   * Whether {@code loop} is {@code for (int j = 0; j < n; j++)} over every element of {@code v}
   * and writes {@code v[j]} before reading {@code v} anywhere but at {@code j}.
   */
  private boolean fills(Stmt.For loop, String v) {
    Expr length = lengths.get(v);
    String j = loop.counter();
    Expr.Ref counter = new Expr.Ref(j, Type.INT);
    if (length == null || !Exprs.isZero(loop.init().init())
        || !(loop.condition() instanceof Expr.Binary test) || test.op() != BinaryOp.LESS
        || !test.left().equals(counter)
        || !(test.right().equals(length)
            || test.right().equals(new Expr.Length(new Expr.Ref(v, Type.DOUBLE_ARRAY))))) {
      return false;
    }
    boolean written = false;
    for (Stmt s : loop.body()) {
      if (s instanceof Sweep.Save) {
        continue;
      }
      if (!written && s instanceof Stmt.Store store && store.array().equals(v)
          && store.row() == null && store.index().equals(counter) && !store.isCompound()
          && !Statements.reads(s).contains(v)) {
        written = true;
        continue;
      }
      boolean[] elsewhere = {false};
      Statements.forEach(s, inner -> {
        Statements.parts(inner).expressions()
            .forEach(e -> elsewhere[0] |= readsOtherThan(e, v, counter));
        elsewhere[0] |= inner instanceof Stmt.Store store && store.array().equals(v)
            && store.isCompound() && !(store.row() == null && store.index().equals(counter));
      });
      if (elsewhere[0] || !written && Statements.reads(s).contains(v)) {
        return false;
      }
    }
    return written;
  }

  /** Whether {@code e} reads {@code v} other than as {@code v[j]}. */
  private static boolean readsOtherThan(Expr e, String v, Expr.Ref j) {
    if (e instanceof Expr.Index index && index.array() instanceof Expr.Ref ref
        && ref.name().equals(v)) {
      return !index.index().equals(j);
    }
    if (e instanceof Expr.Ref ref) {
      return ref.name().equals(v);
    }
    return e.children().stream().anyMatch(c -> readsOtherThan(c, v, j));
  }
}
