package dev.backprop.processor.differentiate;

import dev.backprop.processor.analysis.Activity;
import dev.backprop.processor.ir.BinaryOp;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Expressions;
import dev.backprop.processor.ir.MathFunction;
import dev.backprop.processor.ir.Names;
import dev.backprop.processor.ir.Statements;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Type;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Running maxima and minima, {@code closest = Math.min(closest, sqDist)} in a counted loop: the
 * forward sweep remembers the iteration that last replaced the value ({@code if (sqDist <
 * closest) closestAt = j;}), and the backward sweep hands the whole gradient to that iteration
 * ({@code if (j == closestAt)}), instead of saving the running value on every iteration to
 * compare it again. That is the hand-written argmin. It is exact when the running value is read
 * and written in its loop by that statement alone: its adjoint then passes unchanged through
 * every later iteration, and is zero before the one that set it last.
 */
final class Selections {

  /** What the backward sweep of a selection reads: the iteration that won, and the counter. */
  record Selection(String index, String counter) {}

  /** The forward sweep that tracks them, and the selections by statement. */
  record Found(List<Stmt> forward, Map<Stmt.Assign, Selection> selections, Set<String> indices) {}

  private final Activity activity;
  private final Names names;
  private final Map<Stmt.Assign, Selection> selections = new IdentityHashMap<>();
  /** Declarations for the indices of the top-level statement being rewritten. */
  private final List<Stmt> declarations = new ArrayList<>();
  /** The indices of the statement rewritten last, if it is a loop with selections. */
  private List<String> tracked = List.of();

  private Selections(Activity activity, Names names) {
    this.activity = activity;
    this.names = names;
  }

  /** {@code forward} with each qualifying selection tracked. */
  static Found find(List<Stmt> forward, Activity activity, Names names) {
    Selections s = new Selections(activity, names);
    List<Stmt> out = new ArrayList<>();
    for (Stmt statement : forward) {
      Stmt rewritten = s.rewrite(statement, false);
      out.addAll(s.declarations);
      s.declarations.clear();
      out.add(rewritten);
    }
    return new Found(out, s.selections,
        Set.copyOf(s.selections.values().stream().map(Selection::index).toList()));
  }

  /** {@code s} with the selections in it tracked; {@code nested} if it runs inside a loop. */
  private Stmt rewrite(Stmt s, boolean nested) {
    List<List<Stmt>> blocks = Statements.parts(s).blocks();
    tracked = List.of();
    if (blocks.isEmpty()) {
      return s;
    }
    boolean inLoop = nested || Statements.isLoop(s);
    List<List<Stmt>> rewritten = new ArrayList<>();
    for (List<Stmt> block : blocks) {
      List<Stmt> out = new ArrayList<>();
      for (Stmt inner : block) {
        Stmt r = rewrite(inner, inLoop);
        if (inLoop) {
          // a loop that runs again starts again from no winner
          tracked.forEach(index -> out.add(Stmt.Assign.of(index, Exprs.lit(-1))));
        }
        out.add(r);
      }
      rewritten.add(out);
    }
    Stmt result = Statements.withBlocks(s, rewritten);
    tracked = List.of();
    return result instanceof Stmt.For counted ? tracked(counted) : result;
  }

  /** {@code loop} with an index tracked before each of its selections. */
  private Stmt tracked(Stmt.For loop) {
    if (!startsAtNaturalNumber(loop)) {
      return loop;
    }
    List<Stmt> body = new ArrayList<>();
    List<String> indices = new ArrayList<>();
    for (Stmt s : loop.body()) {
      Expr vWins = selection(loop, s);
      if (vWins != null) {
        Stmt.Assign a = (Stmt.Assign) s;
        String index = names.fresh(names.wanted(a.name()) + "At");
        selections.put(a, new Selection(index, loop.counter()));
        declarations.add(new Stmt.Declare(index, Type.INT, Exprs.lit(-1)));
        indices.add(index);
        body.add(new Stmt.If(vWins,
            List.of(Stmt.Assign.of(index, new Expr.Ref(loop.counter(), Type.INT))), List.of()));
      }
      body.add(s);
    }
    tracked = indices;
    return indices.isEmpty() ? loop : loop.withBody(body);
  }

  /**
   * The condition under which {@code s}, a statement of {@code loop}'s body, replaces its
   * running value, or null if it is not a selection that can be tracked.
   */
  private Expr selection(Stmt.For loop, Stmt s) {
    if (!(s instanceof Stmt.Assign a) || a.isCompound() || !activity.isActive(a.name())
        || !(a.value() instanceof Expr.MathCall call)
        || call.function() != MathFunction.MAX && call.function() != MathFunction.MIN) {
      return null;
    }
    Expr.Ref running = new Expr.Ref(a.name(), Type.DOUBLE);
    Expr first = call.args().get(0);
    Expr second = call.args().get(1);
    boolean runningFirst = first.equals(running);
    Expr v = runningFirst ? second : first;
    if (!(runningFirst || second.equals(running)) || Expressions.reads(v, a.name())
        || !onlyThere(loop.body(), a)) {
      return null;
    }
    // As the rule routes it: the first argument keeps the gradient at a tie.
    boolean max = call.function() == MathFunction.MAX;
    return runningFirst
        ? Exprs.compare(max ? BinaryOp.GREATER : BinaryOp.LESS, v, running)
        : Exprs.compare(max ? BinaryOp.GREATER_EQUAL : BinaryOp.LESS_EQUAL, v, running);
  }

  /** Whether {@code a} is the only statement of {@code body} that reads or writes its variable. */
  private static boolean onlyThere(List<Stmt> body, Stmt.Assign a) {
    boolean[] alone = {true};
    Statements.forEach(body, s -> {
      if (s == a) {
        return;
      }
      Statements.Parts parts = Statements.parts(s);
      if (parts.reads().contains(a.name()) || parts.writes().contains(a.name())
          || s instanceof Stmt.Break || s instanceof Stmt.Continue || s instanceof Stmt.Return
          || s instanceof Stmt.Throw) {
        alone[0] = false;
      }
    });
    return alone[0];
  }

  /** A loop from a literal {@code 0, 1, ...}: -1 is an iteration it never has. */
  private static boolean startsAtNaturalNumber(Stmt.For loop) {
    return Exprs.decimalInt(loop.init().init()) != null;
  }

}
