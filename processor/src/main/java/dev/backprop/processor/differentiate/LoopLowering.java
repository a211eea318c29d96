package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.BinaryOp;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Expressions;
import dev.backprop.processor.ir.Names;
import dev.backprop.processor.ir.Position;
import dev.backprop.processor.ir.Statements;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Sweep;
import dev.backprop.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Puts loops in the two forms the reverser knows. A counted loop, {@code for (int i = a; i < b;
 * i++)} with {@code i, a, b} left alone by a body without {@code break} or {@code continue},
 * stays a {@link Stmt.For} and runs backwards by its index. Any other loop becomes a
 * {@link Stmt.While} that counts its iterations, with {@code continue} and {@code break} turned
 * into ifs around the rest of the body ({@code break} also sets a flag the condition tests), so
 * that one reversed iteration undoes one forward iteration.
 */
final class LoopLowering {

  private final Names names;

  private LoopLowering(Names names) {
    this.names = names;
  }

  static List<Stmt> lower(List<Stmt> body, Names names) {
    return new LoopLowering(names).lower(body);
  }

  private List<Stmt> lower(List<Stmt> body) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.For loop && isCounted(loop)) {
        out.add(loop.withBody(lower(loop.body())));
      } else if (s instanceof Stmt.For loop) {
        out.add(loop.init());
        out.addAll(counting(loop.condition(), loop.body(), loop.update(), false, loop.position()));
      } else if (s instanceof Stmt.While loop) {
        out.addAll(counting(loop.condition(), loop.body(), null, loop.bodyFirst(),
            loop.position()));
      } else {
        out.add(withLoweredBlocks(s));
      }
    }
    return out;
  }

  private Stmt withLoweredBlocks(Stmt s) {
    List<List<Stmt>> blocks = Statements.parts(s).blocks();
    return blocks.isEmpty()
        ? s : Statements.withBlocks(s, blocks.stream().map(this::lower).toList());
  }

  /** A loop that counts its iterations, after the flags it needs. */
  private List<Stmt> counting(Expr condition, List<Stmt> loopBody, Stmt.Assign update,
      boolean bodyFirst, Position position) {
    List<Stmt> out = new ArrayList<>();
    boolean breaks = jumps(loopBody, true);
    String stop = breaks ? names.fresh("stop") : null;
    if (breaks) {
      out.add(new Stmt.Declare(stop, Type.BOOLEAN, Exprs.FALSE));
    }
    String counter = names.fresh("iterations");
    // long: a loop may run more than Integer.MAX_VALUE times
    out.add(new Stmt.Declare(counter, Type.LONG, Exprs.ZERO));
    List<Stmt> body = new ArrayList<>();
    body.add(new Sweep.Count(counter));
    body.addAll(lower(withoutJumps(loopBody, stop)));
    if (update != null) {
      body.add(breaks ? new Stmt.If(notStopped(stop), List.of(update), List.of()) : update);
    }
    Expr test = breaks
        ? new Expr.Binary(BinaryOp.CONDITIONAL_AND, notStopped(stop), condition, Type.BOOLEAN)
        : condition;
    out.add(new Stmt.While(test, body, bodyFirst, counter, position));
    return out;
  }

  private static Expr notStopped(String stop) {
    return Exprs.not(new Expr.Ref(stop, Type.BOOLEAN));
  }

  /**
   * The body with {@code break} (a flag set) and {@code continue} removed: what follows an if
   * that may jump moves into its branches that do not.
   */
  private static List<Stmt> withoutJumps(List<Stmt> body, String stop) {
    List<Stmt> out = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      Stmt s = body.get(i);
      if (s instanceof Stmt.Break) {
        out.add(Stmt.Assign.of(stop, Exprs.TRUE));
        return out;
      }
      if (s instanceof Stmt.Continue) {
        return out;
      }
      if (s instanceof Stmt.If branch && mayJump(s)) {
        List<Stmt> rest = body.subList(i + 1, body.size());
        out.add(branch.withBranches(withoutJumps(concat(branch.then(), rest), stop),
            withoutJumps(concat(branch.otherwise(), rest), stop)));
        return out;
      }
      out.add(s);
    }
    return out;
  }

  /** Whether {@code s} is, or holds outside any inner loop, a break or continue. */
  private static boolean mayJump(Stmt s) {
    if (s instanceof Stmt.Break || s instanceof Stmt.Continue) {
      return true;
    }
    if (s instanceof Stmt.If branch) {
      return branch.then().stream().anyMatch(LoopLowering::mayJump)
          || branch.otherwise().stream().anyMatch(LoopLowering::mayJump);
    }
    return false; // a jump inside an inner loop belongs to that loop
  }

  /** Whether {@code body} has a break (or, with {@code breaksOnly} false, any jump) of its own. */
  private static boolean jumps(List<Stmt> body, boolean breaksOnly) {
    for (Stmt s : body) {
      if (s instanceof Stmt.Break || (!breaksOnly && s instanceof Stmt.Continue)) {
        return true;
      }
      if (s instanceof Stmt.If branch
          && (jumps(branch.then(), breaksOnly) || jumps(branch.otherwise(), breaksOnly))) {
        return true;
      }
    }
    return false;
  }

  private static List<Stmt> concat(List<Stmt> a, List<Stmt> b) {
    List<Stmt> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /**
   * for (int i = a; i < b (or <=); i++) with i, a, b not assigned, b not reading i, and no jumps
   * in the body.
   */
  private static boolean isCounted(Stmt.For loop) {
    if (jumps(loop.body(), false)) {
      return false;
    }
    String i = loop.counter();
    boolean shape = loop.init().type() == Type.INT && loop.init().init() != null
        && loop.init().init().type() == Type.INT
        && loop.update().name().equals(i)
        && loop.update().compound() == BinaryOp.PLUS
        && Exprs.isOne(loop.update().value());
    if (!shape || !(loop.condition() instanceof Expr.Binary test)
        || (test.op() != BinaryOp.LESS && test.op() != BinaryOp.LESS_EQUAL)
        || !test.left().equals(new Expr.Ref(i, Type.INT)) || test.right().type() != Type.INT
        || Expressions.containsCall(test.right())
        || Expressions.variables(test.right()).contains(i)) { // i < 10 - i moves its bound
      return false;
    }
    Set<String> bounds = new HashSet<>();
    bounds.add(i);
    lengthFreeRefs(test.right(), bounds);
    lengthFreeRefs(loop.init().init(), bounds);
    Set<String> assigned = Statements.writes(loop.body());
    assigned.retainAll(bounds);
    return assigned.isEmpty();
  }

  /** Names {@code e} reads, but not an array whose length alone it reads (stores keep that). */
  private static void lengthFreeRefs(Expr e, Set<String> into) {
    if (e instanceof Expr.Length length && length.array() instanceof Expr.Ref) {
      return;
    }
    if (e instanceof Expr.Length length && length.array() instanceof Expr.Index row
        && row.array() instanceof Expr.Ref) {
      // m[i].length: a store into m leaves its rows' lengths alone, so only i matters
      lengthFreeRefs(row.index(), into);
      return;
    }
    if (e instanceof Expr.Ref ref) {
      into.add(ref.name());
    }
    for (Expr child : e.children()) {
      lengthFreeRefs(child, into);
    }
  }
}
