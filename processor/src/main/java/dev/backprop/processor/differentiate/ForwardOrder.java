package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.BinaryOp;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Expressions;
import dev.backprop.processor.ir.Statements;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Sweep;
import dev.backprop.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Backward loops whose iterations touch disjoint elements run in the forward loop's order,
 * {@code for (int col = 0; col <= row; col++) { dq[col] += xc[col] * dz; ... }}, as a
 * hand-written backward pass would: no iteration reads or writes what another one touches, so
 * the order cannot change a value, and the JIT vectorizes a loop that counts up more readily
 * than one that counts down.
 *
 * <p>A reversed loop qualifies when its body holds only stores, branches and locals of its own
 * (no tape, no call, no loop, no write of a variable that outlives the iteration), and every
 * element it reads or writes, in arrays that may be one and the same, sits at the same place
 * {@code j}, {@code j + k} or {@code k + j} of the counter {@code j}. Arrays the method makes
 * itself are different from every other array, and gradient arrays from the other arguments
 * (the contract asks so); the parameters may share theirs, and so may the gradient arrays (a
 * caller may pass {@code dw} for two parameters).
 */
final class ForwardOrder {

  private final Map<String, Stmt.For> forwardLoops = new HashMap<>();
  private final Set<String> ownArrays;
  private final Set<String> gradientArrays;

  private ForwardOrder(List<Stmt> program, Set<String> gradientArrays) {
    this.gradientArrays = gradientArrays;
    Set<String> ambiguous = new HashSet<>();
    Statements.forEach(program, s -> {
      if (s instanceof Stmt.For loop && loop.sourceKey() != null && !loop.countsDown()) {
        Stmt.For known = forwardLoops.putIfAbsent(loop.sourceKey(), loop);
        if (known != null && !(known.init().equals(loop.init())
            && known.condition().equals(loop.condition()))) {
          ambiguous.add(loop.sourceKey());
        }
      }
    });
    // copies of a loop (a fill the reversed iteration repeats) share its header; others may not
    ambiguous.forEach(forwardLoops::remove);
    ownArrays = ownArrays(program);
  }

  /**
   * Both sweeps with every backward loop that qualifies counting up.
   *
   * @param gradientArrays the adjoints of the array parameters, which the caller passes
   */
  static Fusion.Sweeps of(Fusion.Sweeps sweeps, Set<String> gradientArrays) {
    List<Stmt> program = new ArrayList<>(sweeps.forward());
    program.addAll(sweeps.backward());
    ForwardOrder order = new ForwardOrder(program, gradientArrays);
    return new Fusion.Sweeps(order.rewrite(sweeps.forward()), order.rewrite(sweeps.backward()));
  }

  private List<Stmt> rewrite(List<Stmt> block) {
    return Statements.map(block, s -> {
      if (s instanceof Stmt.For loop && loop.countsDown() && loop.sourceKey() != null) {
        Stmt.For forward = forwardLoops.get(loop.sourceKey());
        if (forward != null && orderFree(loop)) {
          return new Stmt.For(forward.init(), forward.condition(), forward.update(), loop.body(),
              loop.position());
        }
      }
      return s;
    });
  }

  /** Whether the iterations of {@code loop} may run in any order, with the same values. */
  private boolean orderFree(Stmt.For loop) {
    String j = loop.counter();
    Set<String> locals = new HashSet<>();
    Set<String> writes = Statements.writes(loop.body());
    for (Stmt s : loop.body()) {
      if (s instanceof Stmt.Declare d && d.type() == Type.DOUBLE) {
        locals.add(d.name());
      }
    }
    // the arrays the body writes may be read elsewhere in it: they are not invariants
    Set<String> variant = new HashSet<>(writes);
    variant.add(j);
    Places places = new Places(j, variant);
    boolean[] ok = {true};
    Statements.forEach(loop.body(), s -> {
      if (!ok[0]) {
        return;
      }
      if (s instanceof Stmt.Store store) {
        ok[0] = places.add(store.array(), store.row(), store.index(), true);
      } else if (s instanceof Stmt.Assign a) {
        ok[0] = locals.contains(a.name());
      } else if (!(s instanceof Stmt.Declare d && locals.contains(d.name())
          || s instanceof Stmt.If || s instanceof Sweep.Reversing)) {
        ok[0] = false; // a loop, the tape, a call's pullback, a jump
      }
      if (ok[0]) {
        for (Expr e : Statements.parts(s).expressions()) {
          ok[0] &= places.addReads(e);
        }
      }
    });
    return ok[0] && places.disjoint(ownArrays, gradientArrays);
  }

  /**
   * Where the body reads and writes elements: for each array the method made itself, and for all
   * other arrays together (they may be the same array), the places of the counter used.
   */
  private static final class Places {
    private final String counter;
    private final Set<String> variant;
    private final Map<String, Set<Expr>> placesOf = new HashMap<>();
    private final Set<String> written = new HashSet<>();

    Places(String counter, Set<String> variant) {
      this.counter = counter;
      this.variant = variant;
    }

    /** Records an element access; false where its place is not one of the counter. */
    boolean add(String array, Expr row, Expr index, boolean write) {
      if (row != null && !invariant(row) || !ofCounter(index)) {
        return false;
      }
      placesOf.computeIfAbsent(array, a -> new HashSet<>()).add(index);
      if (write) {
        written.add(array);
      }
      return true;
    }

    /** Records the element reads of {@code e}; false where one cannot be placed. */
    boolean addReads(Expr e) {
      boolean[] ok = {true};
      Expressions.forEach(e, x -> {
        if (x instanceof Expr.Call) {
          ok[0] = false; // it may read any element
        } else if (x instanceof Expr.Index index && index.type() == Type.DOUBLE) {
          Expr array = index.array();
          Expr row = null;
          if (array instanceof Expr.Index rowIndex) {
            row = rowIndex.index();
            array = rowIndex.array();
          }
          ok[0] &= array instanceof Expr.Ref ref && add(ref.name(), row, index.index(), false);
        }
      });
      return ok[0];
    }

    /**
     * Whether no iteration touches what another one writes: within each array the method made,
     * across the gradient arrays, and across the other arguments, an array that is written is
     * read and written at one place of the counter only.
     */
    boolean disjoint(Set<String> own, Set<String> gradients) {
      Map<String, Set<Expr>> groups = new HashMap<>();
      Set<String> writtenGroups = new HashSet<>();
      placesOf.forEach((array, places) -> {
        // "." and ".." are no variable's names
        String group = own.contains(array) ? array : gradients.contains(array) ? "." : "..";
        groups.computeIfAbsent(group, g -> new HashSet<>()).addAll(places);
        if (written.contains(array)) {
          writtenGroups.add(group);
        }
      });
      return writtenGroups.stream().allMatch(g -> groups.get(g).size() == 1);
    }

    /** {@code j}, {@code j + k}, {@code k + j} or {@code j - k} for an invariant {@code k}. */
    private boolean ofCounter(Expr index) {
      Expr.Ref j = new Expr.Ref(counter, Type.INT);
      if (index.equals(j)) {
        return true;
      }
      return index instanceof Expr.Binary b
          && (b.op() == BinaryOp.PLUS && (b.left().equals(j) && invariant(b.right())
              || b.right().equals(j) && invariant(b.left()))
          || b.op() == BinaryOp.MINUS && b.left().equals(j) && invariant(b.right()));
    }

    private boolean invariant(Expr e) {
      return !Expressions.any(e, x -> x instanceof Expr.Call)
          && Expressions.variables(e).stream().noneMatch(variant::contains);
    }
  }

  /**
   * The arrays the method makes ({@code new double[n]}, an adjoint array like another) and never
   * assigns again: each is different from every other array.
   */
  private static Set<String> ownArrays(List<Stmt> program) {
    Set<String> made = new HashSet<>();
    Set<String> assigned = new HashSet<>();
    Statements.forEach(program, s -> {
      if (s instanceof Stmt.Declare d && (d.init() instanceof Expr.NewArray
          || d.init() instanceof Expr.ZerosLike)) {
        if (!made.add(d.name())) {
          assigned.add(d.name());
        }
      } else if (s instanceof Stmt.Assign a) {
        assigned.add(a.name());
      }
    });
    made.removeAll(assigned);
    return made;
  }

}
