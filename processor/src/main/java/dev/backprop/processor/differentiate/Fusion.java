package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.BinaryOp;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Expressions;
import dev.backprop.processor.ir.Statements;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Sweep;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a loop's backward iteration right after its forward one, where the iterations are
 * independent given the adjoints of what the loop accumulates: the article's per-example
 * training loop, which adds each example's pull into {@code dw} as soon as it has the example's
 * score. The adjoints the reversed iteration reads (the loss's, {@code dtotal = 1.0 / n}) move
 * before the loop; nothing goes on the tape from one iteration to the next, and the iteration's
 * values are read while they are fresh rather than computed again.
 *
 * <p>A loop qualifies when its reversed iteration only adds into what outlives the iteration
 * ({@code dw[k] += ...}, nothing reads that before the loop's backward turn would have come),
 * reads only adjoints that are final before the loop, and otherwise writes only what each
 * iteration writes before reading ({@link Privacy}). The backward sweep of everything else
 * stays where it was.
 */
final class Fusion {

  /** A forward and a backward sweep. */
  record Sweeps(List<Stmt> forward, List<Stmt> backward) {}

  private final Set<String> recomputed;
  private final Map<String, String> adjointOf;

  private Fusion(Set<String> recomputed, Map<String, String> adjointOf) {
    this.recomputed = recomputed;
    this.adjointOf = adjointOf;
  }

  /**
   * {@code forward} and {@code backward} with each top-level counted loop that qualifies fused.
   *
   * @param recomputed the variables a reversed iteration assigns again first ({@link
   *     Recomputation}): a fused one already holds them
   * @param adjointOf the adjoint of each variable that has one
   */
  static Sweeps fused(List<Stmt> forward, List<Stmt> backward, Set<String> recomputed,
      Map<String, String> adjointOf) {
    Fusion fusion = new Fusion(recomputed, adjointOf);
    Sweeps sweeps = new Sweeps(forward, backward);
    for (int p = forward.size() - 1; p >= 0; p--) {
      Sweeps next = fusion.fused(sweeps, p);
      if (next != null) {
        sweeps = next;
      }
    }
    if (sweeps.forward() == forward) {
      return sweeps;
    }
    List<Stmt> all = new ArrayList<>(sweeps.forward());
    all.addAll(sweeps.backward());
    return new Sweeps(Saves.keep(sweeps.forward(), DeadRestores.kept(all)), sweeps.backward());
  }

  /** The sweeps with the statement at {@code p} of the forward sweep fused, or null. */
  private Sweeps fused(Sweeps sweeps, int p) {
    List<Stmt> forward = sweeps.forward();
    List<Stmt> backward = sweeps.backward();
    if (!(forward.get(p) instanceof Stmt.For loop) || loop.position() == null) {
      return null;
    }
    int q = -1;
    for (int i = 0; i < backward.size(); i++) {
      if (backward.get(i) instanceof Stmt.For r && loop.sourceKey().equals(r.sourceKey())) {
        if (q >= 0) {
          return null;
        }
        q = i;
      }
    }
    if (q < 0) {
      return null;
    }
    List<Stmt> reversed = withoutRecomputation(((Stmt.For) backward.get(q)).body());
    List<Stmt> later = new ArrayList<>(forward.subList(p + 1, forward.size()));
    int laterForward = later.size();
    later.addAll(backward.subList(0, q));
    List<Stmt> after = backward.subList(q + 1, backward.size());

    // What the iteration keeps to itself, in both sweeps.
    Set<String> primal = Privacy.of(loop, forward);
    // one used after the loop takes the last iteration's value, and its adjoint flows in
    primal.removeAll(Statements.reads(forward.subList(p + 1, forward.size())));
    for (int i = 0; i < backward.size(); i++) {
      boolean declaration = backward.get(i) instanceof Stmt.Declare d && d.init() != null
          && Expressions.variables(d.init()).isEmpty();
      if (i != q && !declaration) {
        Set<String> names = Statements.names(backward.get(i));
        primal.removeIf(v -> names.contains(v) || names.contains(adjointOf.get(v)));
      }
    }
    Set<String> own = new HashSet<>(primal);
    primal.forEach(v -> {
      if (adjointOf.containsKey(v)) {
        own.add(adjointOf.get(v));
      }
    });
    Statements.forEach(reversed, s -> own.addAll(Statements.parts(s).declares()));

    Uses uses = Uses.of(reversed);
    uses.removeAll(own);
    if (!uses.overwritten.isEmpty() || uses.added.stream().anyMatch(uses.read::contains)) {
      return null; // its backward iterations depend on each other's order
    }

    // The statements before the loop's backward turn that it needs first: what computes the
    // adjoints it reads, and the declarations of what it writes.
    Set<String> computed = new HashSet<>(uses.read);
    Set<String> declared = new HashSet<>(uses.added);
    declared.addAll(own);
    Set<Integer> slice = new HashSet<>();
    for (int k = later.size() - 1; k >= 0; k--) {
      Stmt s = later.get(k);
      Set<String> writes = Statements.writes(s);
      if (writes.stream().anyMatch(computed::contains)) {
        if (!(s instanceof Stmt.Declare || s instanceof Stmt.Assign || s instanceof Sweep.Seed)) {
          return null;
        }
        slice.add(k);
        computed.addAll(Statements.reads(s));
      } else if (s instanceof Stmt.Declare d && declared.contains(d.name())) {
        slice.add(k);
        computed.addAll(Statements.reads(s));
      }
    }
    if (!movable(later, slice, loop)) {
      return null;
    }
    Uses rest = Uses.of(remaining(later, slice));
    Set<String> restNames = new HashSet<>(rest.read);
    restNames.addAll(rest.added);
    restNames.addAll(rest.overwritten);
    Set<String> afterReads = Statements.reads(after);
    Set<String> afterNames = new HashSet<>(afterReads);
    afterNames.addAll(Statements.writes(after));
    Set<String> loopWrites = Statements.writes(loop.body());
    boolean independent = uses.added.stream().noneMatch(
            v -> rest.read.contains(v) || rest.overwritten.contains(v))
        && uses.read.stream().noneMatch(v -> rest.added.contains(v) || rest.overwritten.contains(v))
        && own.stream().noneMatch(v -> restNames.contains(v) || afterNames.contains(v))
        && loopWrites.stream().noneMatch(afterReads::contains);
    if (!independent) {
      return null;
    }

    List<Stmt> moved = new ArrayList<>();
    List<Stmt> kept = new ArrayList<>();
    split(later.subList(0, laterForward), slice, 0, moved, kept);
    List<Stmt> keptForward = List.copyOf(kept);
    kept.clear();
    split(later.subList(laterForward, later.size()), slice, laterForward, moved, kept);

    List<Stmt> body = new ArrayList<>(loop.body());
    body.addAll(DeadRestores.dropped(reversed));
    List<Stmt> newForward = new ArrayList<>(forward.subList(0, p));
    newForward.addAll(moved);
    newForward.add(loop.withBody(body));
    newForward.addAll(keptForward);
    List<Stmt> newBackward = new ArrayList<>(kept);
    newBackward.addAll(after);
    return new Sweeps(newForward, newBackward);
  }

  /** The reversed iteration without the assignments it repeats first. */
  private List<Stmt> withoutRecomputation(List<Stmt> body) {
    int start = 0;
    while (start < body.size() && Recomputation.repeats(body.get(start), recomputed)) {
      start++;
    }
    return body.subList(start, body.size());
  }

  /**
   * Whether the statements of {@code slice} may run before {@code loop} rather than where they
   * are in {@code later}: nothing they pass reads what they write or writes what they read.
   */
  private static boolean movable(List<Stmt> later, Set<Integer> slice, Stmt.For loop) {
    Set<String> passedWrites = Statements.writes(loop.body());
    Set<String> passedNames = new HashSet<>(passedWrites);
    passedNames.addAll(Statements.reads(loop.body()));
    for (int k = 0; k < later.size(); k++) {
      Stmt s = later.get(k);
      if (!slice.contains(k)) {
        passedWrites.addAll(Statements.writes(s));
        passedNames.addAll(Statements.names(s));
        continue;
      }
      if (Statements.reads(s).stream().anyMatch(passedWrites::contains)) {
        return false;
      }
      boolean declaration = s instanceof Stmt.Declare d && d.init() != null
          && Expressions.variables(d.init()).isEmpty();
      if (!declaration && Statements.writes(s).stream().anyMatch(passedNames::contains)) {
        return false;
      }
    }
    return true;
  }

  private static List<Stmt> remaining(List<Stmt> later, Set<Integer> slice) {
    List<Stmt> rest = new ArrayList<>();
    for (int k = 0; k < later.size(); k++) {
      if (!slice.contains(k)) {
        rest.add(later.get(k));
      }
    }
    return rest;
  }

  /**
   * Splits {@code statements} (starting at index {@code offset} of the slice's numbering) into
   * those that move and those that stay, each under the comment naming the forward statement
   * they belong to.
   */
  private static void split(List<Stmt> statements, Set<Integer> slice, int offset,
      List<Stmt> moved, List<Stmt> kept) {
    Stmt comment = null;
    boolean commentMoved = false;
    boolean commentKept = false;
    for (int k = 0; k < statements.size(); k++) {
      Stmt s = statements.get(k);
      if (s instanceof Sweep.Reversing) {
        comment = s;
        commentMoved = false;
        commentKept = false;
        continue;
      }
      boolean moves = slice.contains(offset + k);
      List<Stmt> into = moves ? moved : kept;
      if (comment != null && !(moves ? commentMoved : commentKept)) {
        into.add(comment);
        if (moves) {
          commentMoved = true;
        } else {
          commentKept = true;
        }
      }
      into.add(s);
    }
  }

  /**
   * How statements use variables: read, only added to ({@code dw[k] += e}, a callee's pullback
   * adding into {@code dw}), or otherwise written.
   */
  private static final class Uses {
    final Set<String> read = new HashSet<>();
    final Set<String> added = new HashSet<>();
    final Set<String> overwritten = new HashSet<>();

    static Uses of(List<Stmt> statements) {
      Uses uses = new Uses();
      Statements.forEach(statements, uses::add);
      uses.added.removeAll(uses.overwritten);
      return uses;
    }

    private void add(Stmt s) {
      if (s instanceof Sweep.Pullback pullback) {
        pullback.args().forEach(e -> read.addAll(Expressions.variables(e)));
        read.addAll(Expressions.variables(pullback.seed()));
        for (Expr adjoint : pullback.arrayAdjoints()) {
          String array = Expressions.arrayName(adjoint);
          if (array != null) {
            added.add(array);
          }
          if (adjoint instanceof Expr.Index index) {
            read.addAll(Expressions.variables(index.index()));
          }
        }
        if (pullback.partials() != null) {
          overwritten.add(pullback.partials());
        }
        return;
      }
      Statements.Parts parts = Statements.parts(s);
      String target = addedTo(s);
      Set<String> reads = new HashSet<>(parts.reads());
      if (target != null) {
        reads.remove(target);
        added.add(target);
      } else {
        overwritten.addAll(parts.writes());
      }
      read.addAll(reads);
    }

    /** The variable {@code s} only adds to, or null. */
    private static String addedTo(Stmt s) {
      if (s instanceof Stmt.Assign a && BinaryOp.adds(a.compound())
          && !Expressions.reads(a.value(), a.name())) {
        return a.name();
      }
      if (s instanceof Stmt.Store store && BinaryOp.adds(store.compound())
          && Statements.parts(s).expressions().stream()
              .noneMatch(e -> Expressions.reads(e, store.array()))) {
        return store.array();
      }
      return null;
    }

    void removeAll(Set<String> names) {
      read.removeAll(names);
      added.removeAll(names);
      overwritten.removeAll(names);
    }
  }
}
