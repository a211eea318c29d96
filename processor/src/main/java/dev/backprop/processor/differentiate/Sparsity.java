package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.BinaryOp;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Expressions;
import dev.backprop.processor.ir.Statements;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Sweep;
import dev.backprop.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A loop of the backward sweep that only passes on adjoints it reads runs only when one of them
 * is not zero: {@code if (dsqDist != 0)} around the reversed distance of a centroid that was
 * not the closest, since {@code Math.min} gave it no gradient. The backward sweep is linear in
 * the adjoints, so with its inputs zero such a loop adds zeros and leaves zeros; it qualifies when
 * what it writes is an adjoint that is zero before it, an addition into an adjoint array, or a
 * value it computes again that nothing reads after it, and it touches no tape.
 */
final class Sparsity {

  /** At most this many adjoints in a test: a longer one would cost more than it saves. */
  private static final int MOST_TESTED = 3;

  private final Set<String> scalarAdjoints;
  private final Set<String> arrayAdjoints;
  private final Map<Stmt, Set<String>> zeroBefore = new IdentityHashMap<>();
  private final Map<Stmt, Set<String>> liveAfter;

  private Sparsity(Set<String> scalarAdjoints, Set<String> arrayAdjoints,
      Map<Stmt, Set<String>> liveAfter) {
    this.scalarAdjoints = scalarAdjoints;
    this.arrayAdjoints = arrayAdjoints;
    this.liveAfter = liveAfter;
  }

  /**
   * Both sweeps with the loops that qualify under a test of their adjoints.
   *
   * @param result the variable the method returns, live at the end
   */
  static Fusion.Sweeps guarded(Fusion.Sweeps sweeps, Set<String> scalarAdjoints,
      Set<String> arrayAdjoints, String result) {
    List<Stmt> program = new ArrayList<>(sweeps.forward());
    program.addAll(sweeps.backward());
    Sparsity sparsity = new Sparsity(scalarAdjoints, arrayAdjoints,
        Liveness.after(program, Set.of(result)));
    sparsity.zeros(program, new HashSet<>());
    return new Fusion.Sweeps(sparsity.rewrite(sweeps.forward()),
        sparsity.rewrite(sweeps.backward()));
  }

  private List<Stmt> rewrite(List<Stmt> block) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : block) {
      Expr test = s instanceof Stmt.For loop ? test(loop) : null;
      List<List<Stmt>> blocks = Statements.parts(s).blocks();
      Stmt rewritten = s;
      if (!blocks.isEmpty()) { // a guarded loop may hold loops worth guarding too
        List<List<Stmt>> inner = new ArrayList<>();
        blocks.forEach(b -> inner.add(rewrite(b)));
        rewritten = Statements.withBlocks(s, inner);
      }
      out.add(test == null ? rewritten : new Stmt.If(test, List.of(rewritten), List.of()));
    }
    return out;
  }

  /**
   * {@code da != 0 || db != 0} over the adjoints that decide whether the loop does anything, or
   * null: those it reads and those it sets outright, unless known to be zero before it.
   */
  private Expr test(Stmt.For loop) {
    Set<String> zero = zeroBefore.get(loop);
    Set<String> live = liveAfter.get(loop);
    if (zero == null || live == null) {
      return null;
    }
    Set<String> tested = new LinkedHashSet<>();
    boolean[] qualifies = {true};
    Statements.forEach(loop.body(), s -> qualifies[0] &= qualifies(s, live, tested));
    Statements.forEach(loop.body(), s -> tested.removeAll(Statements.parts(s).declares()));
    tested.removeAll(zero);
    if (!qualifies[0] || tested.isEmpty() || tested.size() > MOST_TESTED) {
      return null;
    }
    Expr test = null;
    for (String input : tested) {
      Expr nonZero = Exprs.compare(BinaryOp.NOT_EQUAL, new Expr.Ref(input, Type.DOUBLE),
          Exprs.ZERO);
      test = test == null ? nonZero
          : new Expr.Binary(BinaryOp.CONDITIONAL_OR, test, nonZero, Type.BOOLEAN);
    }
    return test;
  }

  /**
   * Whether {@code s} does nothing when the adjoints in {@code tested} are zero, given that
   * everything the backward sweep computes is linear in them; adds the ones it needs.
   */
  private boolean qualifies(Stmt s, Set<String> live, Set<String> tested) {
    Statements.Parts parts = Statements.parts(s);
    if (!(s instanceof Stmt.Declare || s instanceof Stmt.Assign || s instanceof Stmt.Store
        || s instanceof Stmt.If || s instanceof Stmt.For || s instanceof Sweep.Reversing)) {
      return false;
    }
    // a Math function is pure; a call of another method is left to run
    boolean ok = parts.expressions().stream()
        .noneMatch(e -> Expressions.any(e, x -> x instanceof Expr.Call));
    Set<String> reads = new HashSet<>(parts.reads());
    if (s instanceof Stmt.Assign a && BinaryOp.adds(a.compound())
        && !Expressions.reads(a.value(), a.name())) {
      reads.remove(a.name()); // da += e reads da only to add to it
    }
    if (s instanceof Stmt.Store store) {
      // adding zero into an adjoint changes nothing; a value in another array might matter
      ok &= arrayAdjoints.contains(store.array()) && BinaryOp.adds(store.compound());
      reads.remove(store.array());
    }
    Expr added = s instanceof Stmt.Store store ? store.value()
        : s instanceof Stmt.Assign a && scalarAdjoints.contains(a.name()) ? a.value() : null;
    if (added != null && !Exprs.isZero(added)) {
      // a folded seed makes a source, da += x[i], that adds without any adjoint being non-zero
      ok &= Expressions.variables(added).stream()
          .anyMatch(v -> scalarAdjoints.contains(v) || arrayAdjoints.contains(v));
    }
    for (String v : reads) {
      ok &= !arrayAdjoints.contains(v);
      if (scalarAdjoints.contains(v)) {
        tested.add(v);
      }
    }
    for (String v : parts.writes()) {
      if (s instanceof Stmt.Store || parts.declares().contains(v)) {
        continue;
      }
      if (!scalarAdjoints.contains(v)) {
        ok &= !live.contains(v); // a value computed again that nothing reads after the loop
      } else if (!(s instanceof Stmt.Assign a && BinaryOp.adds(a.compound()))) {
        tested.add(v); // set outright: skipping must leave it as it would be
      }
    }
    return ok;
  }

  /**
   * The adjoints known to be zero after {@code block}, given those before it; records them
   * before each counted loop.
   */
  private Set<String> zeros(List<Stmt> block, Set<String> zero) {
    for (Stmt s : block) {
      zero = zeros(s, zero);
    }
    return zero;
  }

  private Set<String> zeros(Stmt s, Set<String> zero) {
    Statements.Parts parts = Statements.parts(s);
    if (parts.loop()) {
      if (s instanceof Stmt.For) {
        zeroBefore.put(s, Set.copyOf(zero));
      }
      List<Stmt> iteration = new ArrayList<>(parts.header());
      iteration.addAll(parts.blocks().get(0));
      Set<String> entry = new HashSet<>(zero);
      while (true) {
        Set<String> next = new HashSet<>(entry);
        next.retainAll(zeros(iteration, new HashSet<>(entry)));
        if (next.equals(entry)) {
          return entry;
        }
        entry = next;
      }
    }
    if (!parts.blocks().isEmpty()) {
      Set<String> after = null;
      for (List<Stmt> b : parts.blocks()) {
        Set<String> out = zeros(b, new HashSet<>(zero));
        if (after == null) {
          after = out;
        } else {
          after.retainAll(out);
        }
      }
      after.removeAll(parts.writes());
      return after;
    }
    Set<String> out = new HashSet<>(zero);
    out.removeAll(parts.writes());
    if (s instanceof Stmt.Declare d && d.init() != null && Exprs.isZero(d.init())
        || s instanceof Stmt.Assign a && !a.isCompound() && Exprs.isZero(a.value())) {
      out.addAll(parts.writes());
    }
    return out;
  }
}
