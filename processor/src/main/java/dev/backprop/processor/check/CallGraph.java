package dev.backprop.processor.check;

import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Method;
import dev.backprop.processor.ir.Reporter;
import dev.backprop.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Checks how differentiable methods call each other: no recursion (direct or mutual), and no
 * call of a method that itself could not be differentiated.
 */
public final class CallGraph {

  private final Map<String, Method> methods = new LinkedHashMap<>();

  /** The graph of the methods of one compilation round. */
  public CallGraph(List<Method> roundMethods) {
    roundMethods.forEach(m -> methods.put(m.key(), m));
  }

  /**
   * Reports recursive calls and calls of failed methods in {@code method}; returns whether there
   * were none.
   *
   * @param failed keys of this round's methods that could not be differentiated
   * @param generatedElsewhere whether a gradient class exists from an earlier compilation
   */
  public boolean check(
      Method method, Set<String> failed, Predicate<String> generatedElsewhere, Reporter reporter) {
    boolean ok = true;
    for (Expr.Call call : callsIn(method.body())) {
      String key = call.callee().key();
      if (!call.callee().inThisRound()
          && !generatedElsewhere.test(call.callee().gradientClass())) {
        reporter.error(call.position(), Message.CALLEE_NOT_GENERATED.format(
            call.callee().gradientClass(), call.callee().method()));
        ok = false;
      } else if (reaches(key, method.key(), new HashSet<>())) {
        reporter.error(call.position(), Message.RECURSION.format(call.callee().method()));
        ok = false;
      } else if (failed.contains(key)) {
        reporter.error(call.position(), Message.CALLEE_FAILED.format(call.callee().method()));
        ok = false;
      }
    }
    return ok;
  }

  private boolean reaches(String from, String target, Set<String> visited) {
    if (from.equals(target)) {
      return true;
    }
    Method m = methods.get(from);
    if (m == null || !visited.add(from)) {
      return false;
    }
    for (Expr.Call call : callsIn(m.body())) {
      if (reaches(call.callee().key(), target, visited)) {
        return true;
      }
    }
    return false;
  }

  /** Every call of a differentiable method in {@code statements}, in source order. */
  public static List<Expr.Call> callsIn(List<Stmt> statements) {
    List<Expr.Call> calls = new ArrayList<>();
    for (Stmt s : statements) {
      if (s instanceof Stmt.Declare && ((Stmt.Declare) s).init() != null) {
        collect(((Stmt.Declare) s).init(), calls);
      } else if (s instanceof Stmt.Assign) {
        collect(((Stmt.Assign) s).value(), calls);
      } else if (s instanceof Stmt.Return) {
        collect(((Stmt.Return) s).value(), calls);
      } else if (s instanceof Stmt.If) {
        Stmt.If i = (Stmt.If) s;
        collect(i.condition(), calls);
        calls.addAll(callsIn(i.then()));
        calls.addAll(callsIn(i.otherwise()));
      } else if (s instanceof Stmt.Store) {
        collect(((Stmt.Store) s).row(), calls);
        collect(((Stmt.Store) s).index(), calls);
        collect(((Stmt.Store) s).value(), calls);
      } else if (s instanceof Stmt.For) {
        Stmt.For f = (Stmt.For) s;
        if (f.init() != null) {
          collect(f.init().init(), calls);
        }
        collect(f.condition(), calls);
        calls.addAll(callsIn(f.body()));
      }
    }
    return calls;
  }

  private static void collect(Expr e, List<Expr.Call> calls) {
    if (e == null) {
      return;
    }
    if (e instanceof Expr.Call) {
      calls.add((Expr.Call) e);
    }
    e.children().forEach(child -> collect(child, calls));
  }


}
