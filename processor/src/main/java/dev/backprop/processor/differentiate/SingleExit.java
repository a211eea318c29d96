package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Names;
import dev.backprop.processor.ir.Statements;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives a method a single exit, so that one backward sweep follows one forward sweep: each
 * {@code return e} becomes {@code result = e}, and the statements after an {@code if} that may
 * return move into the branches that fall through. A return inside a loop also sets the
 * {@code returned} flag and breaks out of every loop around it; the statements after such a
 * loop run only if the flag is clear.
 */
final class SingleExit {

  /**
   * The body with one exit.
   *
   * @param result the local that holds the method's value at its end
   */
  record Exit(List<Stmt> body, String result) {}

  private final String result;
  private final String returned;

  private SingleExit(String result, String returned) {
    this.result = result;
    this.returned = returned;
  }

  static Exit of(List<Stmt> body, Names names, Type type) {
    String local = returnedLocal(body);
    if (local != null) {
      // return q; at the end and nowhere else: q is the result
      return new Exit(body.subList(0, body.size() - 1), local);
    }
    String result = names.fresh("out");
    if (onlyFinalReturn(body) && body.get(body.size() - 1) instanceof Stmt.Return last) {
      List<Stmt> b = new ArrayList<>(body.subList(0, body.size() - 1));
      b.add(new Stmt.Declare(result, type, last.value()));
      return new Exit(b, result);
    }
    List<Stmt> b = new ArrayList<>();
    String returned = null;
    if (returnsInLoop(body)) {
      // Java cannot see that the flag guards every path, so the result starts at 0.
      returned = names.fresh("returned");
      b.add(new Stmt.Declare(result, type, type == Type.DOUBLE ? Exprs.ZERO : type.zero()));
      b.add(new Stmt.Declare(returned, Type.BOOLEAN, Exprs.FALSE));
    } else {
      b.add(new Stmt.Declare(result, type, null));
    }
    List<Stmt> exits = new SingleExit(result, returned).exits(body);
    if (returned != null) {
      // A loop left only by a return now ends; javac no longer sees that what follows it
      // is unreachable, so a local Java knew to be assigned there must start with a value.
      exits = Statements.map(exits, SingleExit::startingAtZero);
    }
    b.addAll(exits);
    return new Exit(b, result);
  }

  /** The body with returns replaced by assignments of the result. */
  private List<Stmt> exits(List<Stmt> body) {
    List<Stmt> out = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      Stmt s = body.get(i);
      if (s instanceof Stmt.Return r) {
        out.add(new Stmt.Assign(result, null, r.value(), r.position()));
        return out; // anything after a return is unreachable
      }
      List<Stmt> rest = body.subList(i + 1, body.size());
      if (s instanceof Stmt.If branch && mayReturn(s)) {
        out.add(branch.withBranches(exits(concat(branch.then(), rest)),
            exits(concat(branch.otherwise(), rest))));
        return out;
      }
      if (Statements.isLoop(s) && mayReturn(s)) {
        out.add(Statements.withBlocks(s, List.of(insideLoop(loopBody(s)))));
        List<Stmt> after = exits(rest);
        if (!after.isEmpty()) {
          out.add(new Stmt.If(Exprs.not(flag()), after, List.of()));
        }
        return out;
      }
      out.add(s);
    }
    return out;
  }

  /** A loop body whose returns set the result and the flag, then break. */
  private List<Stmt> insideLoop(List<Stmt> body) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.Return r) {
        out.add(new Stmt.Assign(result, null, r.value(), r.position()));
        out.add(Stmt.Assign.of(returned, Exprs.TRUE));
        out.add(new Stmt.Break(null));
        return out; // anything after a return is unreachable
      }
      if (s instanceof Stmt.If branch && mayReturn(s)) {
        out.add(branch.withBranches(insideLoop(branch.then()), insideLoop(branch.otherwise())));
      } else if (Statements.isLoop(s) && mayReturn(s)) {
        out.add(Statements.withBlocks(s, List.of(insideLoop(loopBody(s)))));
        out.add(new Stmt.If(flag(), List.of(new Stmt.Break(null)), List.of()));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private Expr flag() {
    return new Expr.Ref(returned, Type.BOOLEAN);
  }

  private static List<Stmt> loopBody(Stmt loop) {
    return Statements.parts(loop).blocks().get(0);
  }

  /** A declaration without a value as one with its type's zero; any other statement as is. */
  private static Stmt startingAtZero(Stmt s) {
    if (s instanceof Stmt.Declare d && d.init() == null) {
      return new Stmt.Declare(d.name(), d.type(), d.type().zero(), d.position());
    }
    return s;
  }

  /** Whether a return sits inside a loop of {@code body}: the result then needs a flag. */
  private static boolean returnsInLoop(List<Stmt> body) {
    boolean[] found = {false};
    Statements.forEach(body, s -> found[0] |= Statements.isLoop(s) && mayReturn(s));
    return found[0];
  }

  /** The returned local when the body ends in {@code return local;} and returns nowhere else. */
  private static String returnedLocal(List<Stmt> body) {
    return onlyFinalReturn(body) && body.get(body.size() - 1) instanceof Stmt.Return last
        && last.value() instanceof Expr.Ref ref && ref.type() == Type.DOUBLE ? ref.name() : null;
  }

  private static boolean onlyFinalReturn(List<Stmt> body) {
    if (body.isEmpty() || !(body.get(body.size() - 1) instanceof Stmt.Return)) {
      return false;
    }
    return body.subList(0, body.size() - 1).stream().noneMatch(SingleExit::mayReturn);
  }

  private static boolean mayReturn(Stmt s) {
    boolean[] found = {false};
    Statements.forEach(s, x -> found[0] |= x instanceof Stmt.Return);
    return found[0];
  }

  private static List<Stmt> concat(List<Stmt> a, List<Stmt> b) {
    List<Stmt> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
