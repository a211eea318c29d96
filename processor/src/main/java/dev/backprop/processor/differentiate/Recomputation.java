package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Expressions;
import dev.backprop.processor.ir.Statements;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Type;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values of a counted loop's iteration that the backward sweep computes again instead of
 * taping them: assignments {@code v = e} at the top level of the body where {@code v} lives only
 * in the loop (assigned once per iteration, read after that in the iteration only) and {@code e}
 * is arithmetic on the counter, on values the loop leaves alone and on earlier such values. The
 * reversed iteration starts by repeating them, so it sees what the forward iteration saw, and the
 * forward sweep saves nothing for them. This is what a hand-written backward pass does with
 * {@code xi = x[i]} and {@code score = w . xi}: it recomputes, it does not store.
 */
final class Recomputation {

  private Recomputation() {}

  /**
   * The variables whose assignment the reversed iteration of their loop repeats; each is
   * assigned by one statement only, at the top level of one counted loop's body.
   */
  static Set<String> of(List<Stmt> forward, String result) {
    Set<String> recomputed = new HashSet<>();
    Statements.forEach(forward, s -> {
      if (s instanceof Stmt.For loop) {
        recomputed.addAll(in(loop, forward, result));
      }
    });
    return recomputed;
  }

  private static Set<String> in(Stmt.For loop, List<Stmt> program, String result) {
    Map<String, Integer> writes = new HashMap<>();
    Statements.forEach(loop.body(),
        s -> Statements.parts(s).writes().forEach(v -> writes.merge(v, 1, Integer::sum)));
    Set<String> outside = namesOutside(program, loop);
    Set<String> localArrays = declaredArrays(program);
    Set<String> found = new HashSet<>();
    Set<String> readSoFar = new HashSet<>();
    for (Stmt s : loop.body()) {
      String filled = filledArray(s);
      if (filled != null && writes.get(filled) == 1 && !outside.contains(filled)
          && !readSoFar.contains(filled) && localArrays.contains(filled)) {
        Stmt.For fill = (Stmt.For) s;
        Stmt.Store store = (Stmt.Store) fill.body().get(0);
        Map<String, Integer> withCounter = new HashMap<>(writes);
        withCounter.remove(fill.counter());
        if (cheap(fill.init().init()) && cheap(fill.condition()) && cheap(store.value())
            && onlyReads(fill.init().init(), writes, found)
            && onlyReads(fill.condition(), withCounter, found)
            && onlyReads(store.value(), withCounter, found)) {
          found.add(filled);
        }
      } else if (s instanceof Stmt.Assign a) {
        String v = a.name();
        if (!a.isCompound() && writes.get(v) == 1 && !outside.contains(v) && !v.equals(result)
            && !readSoFar.contains(v) && cheap(a.value())
            && onlyReads(a.value(), writes, found)) {
          found.add(v);
        }
      }
      readSoFar.addAll(Statements.reads(s));
    }
    return found;
  }

  /**
   * The array {@code s} fills, {@code for (int j = a; j < b; j++) { v[j] = e; }}, or null: such a
   * loop is repeated like an assignment, where {@code v} is a local array the iteration fills
   * before it reads it.
   */
  private static String filledArray(Stmt s) {
    if (s instanceof Stmt.For fill && fill.body().size() == 1
        && fill.body().get(0) instanceof Stmt.Store store && store.row() == null
        && !store.isCompound()
        && store.index().equals(new Expr.Ref(fill.counter(), Type.INT))) {
      return store.array();
    }
    return null;
  }

  /**
   * Whether the reversed iteration repeats {@code s} first: an assignment of a recomputed
   * variable, or the loop that fills a recomputed array.
   */
  static boolean repeats(Stmt s, Set<String> recomputed) {
    if (s instanceof Stmt.Assign a) {
      return !a.isCompound() && recomputed.contains(a.name());
    }
    String filled = filledArray(s);
    return filled != null && recomputed.contains(filled);
  }

  /** The local arrays the program declares. */
  private static Set<String> declaredArrays(List<Stmt> program) {
    Set<String> arrays = new HashSet<>();
    Statements.forEach(program, s -> {
      if (s instanceof Stmt.Declare d && d.type() == Type.DOUBLE_ARRAY) {
        arrays.add(d.name());
      }
    });
    return arrays;
  }

  /** Reads only the loop's invariants (names the body never writes) and earlier found values. */
  private static boolean onlyReads(Expr e, Map<String, Integer> writes, Set<String> found) {
    for (String name : Expressions.variables(e)) {
      if (writes.containsKey(name) && !found.contains(name)) {
        return false;
      }
    }
    return true;
  }

  /** Arithmetic, indexing and lengths: cheaper to repeat than to push and pop. */
  private static boolean cheap(Expr e) {
    return !Expressions.any(e, x -> x instanceof Expr.Call || x instanceof Expr.MathCall
        || x instanceof Expr.NewArray || x instanceof Expr.Unsupported);
  }

  /**
   * Names the program mentions outside {@code loop}'s body, but not the names of declarations
   * alone: a local declared before the loop only to be assigned in it lives in the loop.
   */
  private static Set<String> namesOutside(List<Stmt> program, Stmt.For loop) {
    Set<String> names = new HashSet<>();
    addOutside(program, loop, names);
    return names;
  }

  /**
   * The variables of {@code e}, but not those it reads only as {@code v.length}: an adjoint
   * array made as long as {@code v} does not need {@code v}'s elements.
   */
  private static Set<String> variablesBesideLengths(Expr e) {
    Set<String> names = new HashSet<>();
    addBesideLengths(e, names);
    return names;
  }

  private static void addBesideLengths(Expr e, Set<String> into) {
    if (e instanceof Expr.Ref ref) {
      into.add(ref.name());
    } else if (!(e instanceof Expr.Length length && length.array() instanceof Expr.Ref)) {
      e.children().forEach(child -> addBesideLengths(child, into));
    }
  }

  private static void addOutside(List<Stmt> statements, Stmt.For loop, Set<String> into) {
    for (Stmt s : statements) {
      if (s == loop) {
        into.addAll(Expressions.variables(loop.condition()));
      } else if (s instanceof Stmt.Declare d) {
        if (d.init() != null) {
          into.addAll(variablesBesideLengths(d.init()));
        }
      } else {
        Statements.Parts parts = Statements.parts(s);
        into.addAll(parts.reads());
        into.addAll(parts.writes());
        addOutside(parts.header(), loop, into);
        parts.blocks().forEach(block -> addOutside(block, loop, into));
      }
    }
  }
}
