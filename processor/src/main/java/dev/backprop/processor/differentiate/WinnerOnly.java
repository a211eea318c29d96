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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The backward loop of a running minimum or maximum ({@link Selections}) runs the winning
 * iteration alone, where only that iteration has anything to pass on: {@code if (closestAt !=
 * -1) { int j = closestAt; ... }} instead of walking every centroid to find it. That holds when
 * everything else the forward loop writes is its iterations' own (written before read, not read
 * after the loop): their adjoints are then zero in every other iteration, and the backward loop
 * is linear in them. The loop must also take nothing from the tape, which would fall out of step.
 */
final class WinnerOnly {

  private final List<Stmt> program;
  private final Set<String> indices;
  private final Map<Stmt, Set<String>> liveAfter;
  private final Map<String, String> adjointOf;

  private WinnerOnly(List<Stmt> program, Set<String> indices, String result,
      Map<String, String> adjointOf) {
    this.program = program;
    this.indices = indices;
    this.adjointOf = adjointOf;
    this.liveAfter = Liveness.after(program, Set.of(result));
  }

  /**
   * Both sweeps with each backward loop that qualifies reduced to its winning iteration.
   *
   * @param indices the selection indices {@link Selections} tracks
   * @param result the variable the method returns, live at the end
   * @param adjointOf the adjoint of each variable that has one
   */
  static Fusion.Sweeps of(Fusion.Sweeps sweeps, Set<String> indices, String result,
      Map<String, String> adjointOf) {
    if (indices.isEmpty()) {
      return sweeps;
    }
    List<Stmt> program = new ArrayList<>(sweeps.forward());
    program.addAll(sweeps.backward());
    WinnerOnly winnerOnly = new WinnerOnly(program, indices, result, adjointOf);
    Set<String> reduced = new HashSet<>();
    Statements.forEach(program, s -> {
      if (s instanceof Stmt.For loop && winnerOnly.qualifies(loop)) {
        reduced.add(loop.sourceKey());
      }
    });
    if (reduced.isEmpty()) {
      return sweeps;
    }
    return new Fusion.Sweeps(winnerOnly.rewrite(sweeps.forward(), reduced),
        winnerOnly.rewrite(sweeps.backward(), reduced));
  }

  private List<Stmt> rewrite(List<Stmt> block, Set<String> reduced) {
    return Statements.map(block, s -> s instanceof Stmt.For loop && loop.countsDown()
        && reduced.contains(loop.sourceKey()) ? winnerAlone(loop) : s);
  }

  /** {@code if (at != -1) { int j = at; <the iteration, its test dropped> }}. */
  private Stmt winnerAlone(Stmt.For loop) {
    Stmt.If test = winnerTest(loop);
    Expr.Ref index = (Expr.Ref) ((Expr.Binary) test.condition()).right();
    List<Stmt> iteration = new ArrayList<>();
    iteration.add(new Stmt.Declare(loop.counter(), Type.INT, index));
    for (Stmt s : loop.body()) {
      if (s == test) {
        iteration.addAll(test.then());
      } else {
        iteration.add(s);
      }
    }
    return new Stmt.If(Exprs.compare(BinaryOp.NOT_EQUAL, index, Exprs.lit(-1)), iteration,
        List.of(), loop.position());
  }

  /** Whether {@code reversed}, a loop of the backward sweep, may run its winner alone. */
  private boolean qualifies(Stmt.For reversed) {
    Stmt.If test = reversed.countsDown() && reversed.position() != null
        ? winnerTest(reversed) : null;
    if (test == null) {
      return false;
    }
    boolean[] tape = {false};
    Statements.forEach(reversed.body(), s -> tape[0] |= s instanceof Sweep.Restore
        || s instanceof Sweep.Undo || s instanceof Sweep.Save);
    Stmt.For forward = forwardOf(reversed);
    if (tape[0] || forward == null) {
      return false;
    }
    String index = ((Expr.Ref) ((Expr.Binary) test.condition()).right()).name();
    Set<String> own = Privacy.of(forward, program);
    Set<String> live = liveAfter.getOrDefault(forward, Set.of());
    // the index and the running value the statement after its tracking writes
    Set<String> selected = new HashSet<>();
    for (int i = 0; i + 1 < forward.body().size(); i++) {
      if (forward.body().get(i) instanceof Stmt.If track
          && Statements.writes(track).equals(Set.of(index))) {
        selected.add(index);
        selected.addAll(Statements.writes(forward.body().get(i + 1)));
      }
    }
    if (selected.isEmpty()) {
      return false;
    }
    // what else the iteration writes is its own, and so is that value's adjoint: nothing
    // outside the reversed loop hands it a gradient (the value may be gone after the loop, its
    // adjoint still set, as in a pullback that does not compute the result)
    Set<String> outside = new HashSet<>();
    namesOutside(program, reversed, outside);
    for (String v : Statements.writes(forward.body())) {
      if (!selected.contains(v) && (!own.contains(v) || live.contains(v)
          || adjointOf.containsKey(v) && outside.contains(adjointOf.get(v)))) {
        return false;
      }
    }
    return true;
  }

  /** The names {@code block} mentions outside {@code skipped}, but for zero declarations. */
  private static void namesOutside(List<Stmt> block, Stmt skipped, Set<String> into) {
    for (Stmt s : block) {
      if (s == skipped || s instanceof Stmt.Declare d && d.init() != null
          && Expressions.variables(d.init()).isEmpty()) {
        continue;
      }
      Statements.Parts parts = Statements.parts(s);
      into.addAll(parts.reads());
      into.addAll(parts.writes());
      namesOutside(parts.header(), skipped, into);
      parts.blocks().forEach(b -> namesOutside(b, skipped, into));
    }
  }

  /** The forward loop {@code reversed} runs backwards, or null. */
  private Stmt.For forwardOf(Stmt.For reversed) {
    Stmt.For[] found = {null};
    Statements.forEach(program, s -> {
      if (s instanceof Stmt.For loop && !loop.countsDown()
          && Objects.equals(loop.sourceKey(), reversed.sourceKey())) {
        found[0] = loop;
      }
    });
    return found[0];
  }

  /** The one {@code if (j == at)} at the top of {@code loop}'s body, or null. */
  private Stmt.If winnerTest(Stmt.For loop) {
    Stmt.If found = null;
    for (Stmt s : loop.body()) {
      if (s instanceof Stmt.If branch && branch.otherwise().isEmpty()
          && branch.condition() instanceof Expr.Binary test && test.op() == BinaryOp.EQUAL
          && test.left().equals(new Expr.Ref(loop.counter(), Type.INT))
          && test.right() instanceof Expr.Ref index && indices.contains(index.name())) {
        if (found != null) {
          return null;
        }
        found = branch;
      }
    }
    return found;
  }


}
