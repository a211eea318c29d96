package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values of a counted loop's iteration that the backward sweep computes again instead of
 * taping them: assignments {@code v = e} at the top level of the body where {@code v} lives only
 * in the loop (assigned once per iteration, read after that in the iteration only) and {@code e}
 * is arithmetic on the counter, on values the loop leaves alone and on earlier such values. The
 * reversed iteration starts by repeating them, so it sees what the forward iteration saw, and the
 * forward sweep pushes nothing for them. This is what a hand-written backward pass does with
 * {@code xi = x[i]} and {@code score = w . xi}: it recomputes, it does not store.
 */
final class Recomputation {

  private final Map<Stmt.For, List<Stmt.Assign>> byLoop = new IdentityHashMap<>();
  private final Set<Stmt> recomputed = Collections.newSetFromMap(new IdentityHashMap<>());

  private Recomputation() {}

  /** Finds the recomputable assignments of every counted loop of {@code forward}. */
  static Recomputation of(List<Stmt> forward, String result) {
    Recomputation r = new Recomputation();
    r.scan(forward, forward, result);
    return r;
  }

  /** Whether the backward sweep recomputes {@code s} rather than restoring its old value. */
  boolean contains(Stmt s) {
    return recomputed.contains(s);
  }

  /** The assignments a reversed iteration of {@code loop} starts with, in forward order. */
  List<Stmt.Assign> in(Stmt.For loop) {
    return byLoop.getOrDefault(loop, List.of());
  }

  private void scan(List<Stmt> statements, List<Stmt> program, String result) {
    for (Stmt s : statements) {
      if (s instanceof Stmt.For) {
        Stmt.For loop = (Stmt.For) s;
        if (!loop.isCounting() && loop.init() != null) {
          analyse(loop, program, result);
        }
        scan(loop.body(), program, result);
      } else if (s instanceof Stmt.If) {
        scan(((Stmt.If) s).then(), program, result);
        scan(((Stmt.If) s).otherwise(), program, result);
      }
    }
  }

  private void analyse(Stmt.For loop, List<Stmt> program, String result) {
    Map<String, Integer> writes = new HashMap<>();
    countWrites(loop.body(), writes);
    Set<String> outside = new HashSet<>();
    namesOutside(program, loop, outside);
    Set<String> available = new HashSet<>();
    Set<String> readSoFar = new HashSet<>();
    List<Stmt.Assign> found = new ArrayList<>();
    for (Stmt s : loop.body()) {
      if (s instanceof Stmt.Assign) {
        Stmt.Assign a = (Stmt.Assign) s;
        String v = a.name();
        if (!a.isCompound() && writes.get(v) == 1 && !outside.contains(v) && !v.equals(result)
            && !readSoFar.contains(v) && cheap(a.value())
            && onlyReads(a.value(), writes, available)) {
          found.add(a);
          recomputed.add(a);
          available.add(v);
        }
      }
      Statements.reads(List.of(s), readSoFar);
    }
    if (!found.isEmpty()) {
      byLoop.put(loop, List.copyOf(found));
    }
  }

  /** Reads only the loop's invariants (names the body never writes) and earlier found values. */
  private static boolean onlyReads(Expr e, Map<String, Integer> writes, Set<String> available) {
    Set<String> refs = new HashSet<>();
    Exprs.refs(e, refs);
    for (String name : refs) {
      if (writes.containsKey(name) && !available.contains(name)) {
        return false;
      }
    }
    return true;
  }

  /** Arithmetic, indexing and lengths: cheaper to repeat than to push and pop. */
  private static boolean cheap(Expr e) {
    boolean[] costly = {false};
    Exprs.forEach(e, x -> costly[0] |= x instanceof Expr.Call || x instanceof Expr.MathCall
        || x instanceof Expr.Pop || x instanceof Expr.NewArray || x instanceof Expr.Unsupported);
    return !costly[0];
  }

  private static void countWrites(List<Stmt> body, Map<String, Integer> writes) {
    for (Stmt s : body) {
      if (s instanceof Stmt.Assign) {
        writes.merge(((Stmt.Assign) s).name(), 1, Integer::sum);
      } else if (s instanceof Stmt.Declare) {
        writes.merge(((Stmt.Declare) s).name(), 1, Integer::sum);
      } else if (s instanceof Stmt.Store) {
        writes.merge(((Stmt.Store) s).array(), 1, Integer::sum);
      } else if (s instanceof Stmt.Count) {
        writes.merge(((Stmt.Count) s).counter(), 1, Integer::sum);
      } else if (s instanceof Stmt.If) {
        countWrites(((Stmt.If) s).then(), writes);
        countWrites(((Stmt.If) s).otherwise(), writes);
      } else if (s instanceof Stmt.For) {
        Stmt.For inner = (Stmt.For) s;
        if (inner.init() != null) {
          countWrites(List.of(inner.init(), inner.update()), writes);
        }
        countWrites(inner.body(), writes);
      }
    }
  }

  /**
   * Names the program mentions outside {@code loop}'s body, but not the names of declarations
   * alone: a local declared before the loop only to be assigned in it lives in the loop.
   */
  private static void namesOutside(List<Stmt> statements, Stmt.For loop, Set<String> into) {
    for (Stmt s : statements) {
      if (s == loop) {
        Exprs.refs(loop.condition(), into);
      } else if (s instanceof Stmt.Declare) {
        Stmt.Declare d = (Stmt.Declare) s;
        if (d.init() != null) {
          Exprs.refs(d.init(), into);
        }
      } else if (s instanceof Stmt.If) {
        Exprs.refs(((Stmt.If) s).condition(), into);
        namesOutside(((Stmt.If) s).then(), loop, into);
        namesOutside(((Stmt.If) s).otherwise(), loop, into);
      } else if (s instanceof Stmt.For) {
        Stmt.For other = (Stmt.For) s;
        if (other.init() != null) {
          namesOutside(List.of(other.init(), other.update()), loop, into);
        }
        if (other.isCounting()) {
          into.add(other.counter());
        }
        Exprs.refs(other.condition(), into);
        namesOutside(other.body(), loop, into);
      } else {
        Statements.names(s, into);
      }
    }
  }
}
