package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Type;
import dev.backprop.processor.ir.UnaryOp;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives a method a single exit, so that one backward sweep follows one forward sweep: each
 * {@code return e} becomes {@code result = e}, and the statements after an {@code if} that may
 * return move into the branches that fall through. A return inside a loop also sets the
 * {@code returned} flag and breaks out of every loop around it; the statements after such a
 * loop run only if the flag is clear.
 */
final class Normalizer {

  private Normalizer() {}

  /**
   * The body with returns replaced by assignments of {@code result}; {@code returned} names the
   * flag a return inside a loop sets (the caller declares it when {@link #returnsInLoop}).
   */
  static List<Stmt> singleExit(List<Stmt> body, String result, String returned) {
    List<Stmt> out = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      Stmt s = body.get(i);
      if (s instanceof Stmt.Return) {
        out.add(new Stmt.Assign(result, null, ((Stmt.Return) s).value(), ((Stmt.Return) s).position()));
        return out; // anything after a return is unreachable
      }
      List<Stmt> rest = body.subList(i + 1, body.size());
      if (s instanceof Stmt.If && mayReturn(s)) {
        Stmt.If branch = (Stmt.If) s;
        out.add(new Stmt.If(
            branch.condition(),
            singleExit(concat(branch.then(), rest), result, returned),
            singleExit(concat(branch.otherwise(), rest), result, returned),
            branch.position()));
        return out;
      }
      if (s instanceof Stmt.For && mayReturn(s)) {
        Stmt.For loop = (Stmt.For) s;
        out.add(loop.withBody(insideLoop(loop.body(), result, returned)));
        List<Stmt> after = singleExit(rest, result, returned);
        if (!after.isEmpty()) {
          out.add(new Stmt.If(notReturned(returned), after, List.of(), null));
        }
        return out;
      }
      out.add(s);
    }
    return out;
  }

  /** A loop body whose returns set the result and the flag, then break. */
  private static List<Stmt> insideLoop(List<Stmt> body, String result, String returned) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.Return) {
        out.add(new Stmt.Assign(result, null, ((Stmt.Return) s).value(), ((Stmt.Return) s).position()));
        out.add(Stmt.Assign.of(returned, new Expr.Literal(Type.BOOLEAN, "true")));
        out.add(new Stmt.Break(null));
        return out; // anything after a return is unreachable
      }
      if (s instanceof Stmt.If && mayReturn(s)) {
        Stmt.If branch = (Stmt.If) s;
        out.add(new Stmt.If(branch.condition(), insideLoop(branch.then(), result, returned),
            insideLoop(branch.otherwise(), result, returned), branch.position()));
      } else if (s instanceof Stmt.For && mayReturn(s)) {
        Stmt.For loop = (Stmt.For) s;
        out.add(loop.withBody(insideLoop(loop.body(), result, returned)));
        out.add(new Stmt.If(new Expr.Ref(returned, Type.BOOLEAN), List.of(new Stmt.Break(null)),
            List.of(), null));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private static Expr notReturned(String returned) {
    return new Expr.Unary(UnaryOp.NOT, new Expr.Ref(returned, Type.BOOLEAN), Type.BOOLEAN);
  }

  /** Whether a return sits inside a loop of {@code body}: the result then needs a flag. */
  static boolean returnsInLoop(List<Stmt> body) {
    for (Stmt s : body) {
      if (s instanceof Stmt.For && mayReturn(s)) {
        return true;
      }
      if (s instanceof Stmt.If
          && (returnsInLoop(((Stmt.If) s).then()) || returnsInLoop(((Stmt.If) s).otherwise()))) {
        return true;
      }
    }
    return false;
  }

  /** The returned local when the body ends in {@code return local;} and returns nowhere else. */
  static String returnedLocal(List<Stmt> body) {
    if (body.isEmpty() || !(body.get(body.size() - 1) instanceof Stmt.Return)) {
      return null;
    }
    for (Stmt s : body.subList(0, body.size() - 1)) {
      if (mayReturn(s)) {
        return null;
      }
    }
    Expr value = ((Stmt.Return) body.get(body.size() - 1)).value();
    return value instanceof Expr.Ref && value.type() == Type.DOUBLE
        ? ((Expr.Ref) value).name()
        : null;
  }

  /** The body without its final {@code return local;} (see {@link #returnedLocal}). */
  static List<Stmt> withoutFinalReturn(List<Stmt> body) {
    return body.subList(0, body.size() - 1);
  }

  static boolean mayReturn(Stmt s) {
    if (s instanceof Stmt.Return) {
      return true;
    }
    if (s instanceof Stmt.For) {
      return ((Stmt.For) s).body().stream().anyMatch(Normalizer::mayReturn);
    }
    if (s instanceof Stmt.If) {
      Stmt.If i = (Stmt.If) s;
      return i.then().stream().anyMatch(Normalizer::mayReturn)
          || i.otherwise().stream().anyMatch(Normalizer::mayReturn);
    }
    return false;
  }

  private static List<Stmt> concat(List<Stmt> a, List<Stmt> b) {
    List<Stmt> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
