package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.BinaryOp;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Type;
import dev.backprop.processor.ir.UnaryOp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Puts loops in the two forms the reverser knows. A counted loop, {@code for (int i = a; i < b;
 * i++)} with {@code i, a, b} left alone by a body without {@code break} or {@code continue},
 * stays as it is and runs backwards by its index. Any other loop becomes a while loop that
 * counts its iterations, with {@code continue} and {@code break} turned into ifs around the
 * rest of the body ({@code break} also sets a flag the condition tests), so that one reversed
 * iteration undoes one forward iteration.
 */
final class Loops {

  private final Names names;

  Loops(Names names) {
    this.names = names;
  }

  List<Stmt> lower(List<Stmt> body) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.For) {
        lowerLoop((Stmt.For) s, out);
      } else if (s instanceof Stmt.If) {
        Stmt.If i = (Stmt.If) s;
        out.add(new Stmt.If(i.condition(), lower(i.then()), lower(i.otherwise()), i.position()));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private void lowerLoop(Stmt.For loop, List<Stmt> out) {
    if (isCounted(loop)) {
      out.add(loop.withBody(lower(loop.body())));
      return;
    }
    if (loop.init() != null) {
      out.add(loop.init());
    }
    boolean breaks = jumps(loop.body(), true);
    String stop = breaks ? names.fresh("stop") : null;
    if (breaks) {
      out.add(new Stmt.Declare(stop, Type.BOOLEAN, new Expr.Literal(Type.BOOLEAN, "false"), null));
    }
    String counter = names.fresh("iterations");
    out.add(new Stmt.Declare(counter, Type.INT, Exprs.ZERO, null));
    List<Stmt> body = new ArrayList<>();
    body.add(new Stmt.Count(counter));
    body.addAll(lower(withoutJumps(loop.body(), stop)));
    if (loop.update() != null) {
      body.add(breaks
          ? new Stmt.If(notStopped(stop), List.of(loop.update()), List.of(), null)
          : loop.update());
    }
    Expr condition = breaks
        ? new Expr.Binary(BinaryOp.CONDITIONAL_AND, notStopped(stop), loop.condition(),
            Type.BOOLEAN)
        : loop.condition();
    out.add(new Stmt.For(null, condition, null, body, counter, loop.bodyFirst(), loop.position()));
  }

  private static Expr notStopped(String stop) {
    return new Expr.Unary(UnaryOp.NOT, new Expr.Ref(stop, Type.BOOLEAN), Type.BOOLEAN);
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
        out.add(Stmt.Assign.of(stop, new Expr.Literal(Type.BOOLEAN, "true")));
        return out;
      }
      if (s instanceof Stmt.Continue) {
        return out;
      }
      if (s instanceof Stmt.If && mayJump(s)) {
        Stmt.If branch = (Stmt.If) s;
        List<Stmt> rest = body.subList(i + 1, body.size());
        out.add(new Stmt.If(branch.condition(),
            withoutJumps(concat(branch.then(), rest), stop),
            withoutJumps(concat(branch.otherwise(), rest), stop), branch.position()));
        return out;
      }
      out.add(s);
    }
    return out;
  }

  private static boolean mayJump(Stmt s) {
    if (s instanceof Stmt.Break || s instanceof Stmt.Continue) {
      return true;
    }
    if (s instanceof Stmt.If) {
      Stmt.If i = (Stmt.If) s;
      return i.then().stream().anyMatch(Loops::mayJump)
          || i.otherwise().stream().anyMatch(Loops::mayJump);
    }
    return false; // a jump inside an inner loop belongs to that loop
  }

  /** Whether {@code body} has a break (or, with {@code breaksOnly} false, any jump) of its own. */
  private static boolean jumps(List<Stmt> body, boolean breaksOnly) {
    for (Stmt s : body) {
      if (s instanceof Stmt.Break || (!breaksOnly && s instanceof Stmt.Continue)) {
        return true;
      }
      if (s instanceof Stmt.If && (jumps(((Stmt.If) s).then(), breaksOnly)
          || jumps(((Stmt.If) s).otherwise(), breaksOnly))) {
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

  /** for (int i = a; i < b (or <=); i++) with i, a, b not assigned and no jumps in the body. */
  static boolean isCounted(Stmt.For loop) {
    if (loop.init() == null || loop.update() == null || jumps(loop.body(), false)) {
      return false;
    }
    String i = loop.init().name();
    boolean shape = loop.init().type() == Type.INT && loop.init().init() != null
        && loop.init().init().type() == Type.INT
        && loop.update().name().equals(i)
        && loop.update().compound() == BinaryOp.PLUS
        && Exprs.isOne(loop.update().value())
        && loop.condition() instanceof Expr.Binary
        && (((Expr.Binary) loop.condition()).op() == BinaryOp.LESS
            || ((Expr.Binary) loop.condition()).op() == BinaryOp.LESS_EQUAL)
        && ((Expr.Binary) loop.condition()).left().equals(new Expr.Ref(i, Type.INT))
        && ((Expr.Binary) loop.condition()).right().type() == Type.INT
        && !Exprs.containsCall(((Expr.Binary) loop.condition()).right());
    if (!shape) {
      return false;
    }
    Set<String> bounds = new HashSet<>();
    bounds.add(i);
    lengthFreeRefs(((Expr.Binary) loop.condition()).right(), bounds);
    lengthFreeRefs(loop.init().init(), bounds);
    Set<String> assigned = Linearizer.assigned(loop.body(), new HashSet<>());
    assigned.retainAll(bounds);
    return assigned.isEmpty();
  }

  /** Names {@code e} reads, but not an array whose length alone it reads (stores keep that). */
  private static void lengthFreeRefs(Expr e, Set<String> into) {
    if (e instanceof Expr.Length && ((Expr.Length) e).array() instanceof Expr.Ref) {
      return;
    }
    if (e instanceof Expr.Length && ((Expr.Length) e).array() instanceof Expr.Index
        && ((Expr.Index) ((Expr.Length) e).array()).array() instanceof Expr.Ref) {
      // m[i].length: a store into m leaves its rows' lengths alone, so only i matters
      lengthFreeRefs(((Expr.Index) ((Expr.Length) e).array()).index(), into);
      return;
    }
    if (e instanceof Expr.Ref) {
      into.add(((Expr.Ref) e).name());
    }
    for (Expr child : Exprs.children(e)) {
      lengthFreeRefs(child, into);
    }
  }
}
