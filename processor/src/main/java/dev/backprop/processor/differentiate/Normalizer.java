package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives a method a single exit, so that one backward sweep follows one forward sweep: each
 * {@code return e} becomes {@code result = e}, and the statements after an {@code if} that may
 * return move into the branches that fall through.
 */
final class Normalizer {

  private Normalizer() {}

  /** The body with returns replaced by assignments of {@code result}. */
  static List<Stmt> singleExit(List<Stmt> body, String result) {
    List<Stmt> out = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      Stmt s = body.get(i);
      if (s instanceof Stmt.Return) {
        out.add(new Stmt.Assign(result, null, ((Stmt.Return) s).value(), ((Stmt.Return) s).position()));
        return out; // anything after a return is unreachable
      }
      if (s instanceof Stmt.If && mayReturn(s)) {
        Stmt.If branch = (Stmt.If) s;
        List<Stmt> rest = body.subList(i + 1, body.size());
        out.add(new Stmt.If(
            branch.condition(),
            singleExit(concat(branch.then(), rest), result),
            singleExit(concat(branch.otherwise(), rest), result),
            branch.position()));
        return out;
      }
      out.add(s);
    }
    return out;
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

  private static boolean mayReturn(Stmt s) {
    if (s instanceof Stmt.Return) {
      return true;
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
