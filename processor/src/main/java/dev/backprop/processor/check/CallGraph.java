package dev.backprop.processor.check;

import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Method;
import dev.backprop.processor.ir.Reporter;
import dev.backprop.processor.ir.Statements;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Checks how differentiable methods call each other: no recursion (direct or mutual), no call of
 * a method whose gradient class does not exist, and no call of a method that itself could not be
 * differentiated (a failure spreads to every caller).
 */
public final class CallGraph {

  private final Map<String, Method> methods = new LinkedHashMap<>();
  private final Predicate<String> generatedElsewhere;

  /**
   * The graph of the methods of one compilation round.
   *
   * @param generatedElsewhere whether a gradient class exists from an earlier compilation
   */
  public CallGraph(List<Method> roundMethods, Predicate<String> generatedElsewhere) {
    roundMethods.forEach(m -> methods.put(m.key(), m));
    this.generatedElsewhere = generatedElsewhere;
  }

  /**
   * Adds to {@code failed} (keys of methods that cannot be differentiated) every method that
   * calls one of them, recursively, and every method with a recursive call or a call of a method
   * without a gradient class, reporting each such call. A call of one in {@code quiet} (which
   * failed on an error javac reports itself, a typo) fails quietly too, so that javac's error is
   * the one the user sees.
   */
  public void spreadFailures(Set<String> failed, Set<String> quiet, Reporter reporter) {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Method method : methods.values()) {
        if (!failed.contains(method.key()) && !check(method, failed, quiet, reporter)) {
          failed.add(method.key());
          changed = true;
        }
      }
    }
  }

  private boolean check(Method method, Set<String> failed, Set<String> quiet,
      Reporter reporter) {
    boolean ok = true;
    for (Expr.Call call : callsIn(method)) {
      String key = call.callee().key();
      if (!call.callee().inThisRound()
          && !generatedElsewhere.test(call.callee().pullback().className())) {
        reporter.error(call.position(), Message.CALLEE_NOT_GENERATED.format(
            call.callee().pullback().className(), call.callee().method()));
        ok = false;
      } else if (reaches(key, method.key(), new HashSet<>())) {
        reporter.error(call.position(), Message.RECURSION.format(call.callee().method()));
        ok = false;
      } else if (failed.contains(key) && quiet.contains(key)) {
        quiet.add(method.key());
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
    for (Expr.Call call : callsIn(m)) {
      if (reaches(call.callee().key(), target, visited)) {
        return true;
      }
    }
    return false;
  }

  /** Every call of a differentiable method in {@code method}, in source order. */
  private static List<Expr.Call> callsIn(Method method) {
    List<Expr.Call> calls = new ArrayList<>();
    Statements.forEachExpr(method.body(), e -> {
      if (e instanceof Expr.Call call
          && (call.callee().differentiable() || call.callee().forward() != null)) {
        calls.add(call);
      }
    });
    return calls;
  }
}
