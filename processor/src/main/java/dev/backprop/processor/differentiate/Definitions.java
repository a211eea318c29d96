package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.Method;
import dev.backprop.processor.ir.Statements;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Type;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the differentiate stage knows of a body's variables: their types, and which locals are
 * defined at most once on every path (their value never needs saving before it is overwritten).
 */
final class Definitions {

  private Definitions() {}

  /** Every parameter's and every local's type. */
  static Map<String, Type> types(Method method, List<Stmt> body) {
    Map<String, Type> types = new HashMap<>();
    method.parameters().forEach(p -> types.put(p.name(), p.type()));
    Statements.forEach(body, s -> {
      if (s instanceof Stmt.Declare d) {
        types.put(d.name(), d.type());
      }
    });
    return types;
  }

  /** The locals of {@code body} (not parameters) defined at most once on every path. */
  static Set<String> single(List<Stmt> body, Method method) {
    Set<String> locals = new HashSet<>();
    Statements.forEach(body, s -> {
      if (s instanceof Stmt.Declare d) {
        locals.add(d.name());
      }
    });
    method.parameters().forEach(p -> locals.remove(p.name()));
    Map<String, Integer> counts = counts(body);
    Set<String> single = new HashSet<>();
    for (String name : locals) {
      if (counts.getOrDefault(name, 0) <= 1) {
        single.add(name);
      }
    }
    return single;
  }

  /**
   * How many times each variable may be defined on one path: a definition in a loop counts 2.
   * One pass, for bodies of thousands of statements.
   */
  private static Map<String, Integer> counts(List<Stmt> body) {
    Map<String, Integer> n = new HashMap<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.Declare d && d.init() != null) {
        n.merge(d.name(), 1, Integer::sum);
      } else if (s instanceof Stmt.Assign a) {
        n.merge(a.name(), 1, Integer::sum);
      } else if (s instanceof Stmt.Store store) {
        n.merge(store.array(), 2, Integer::sum); // the array stays, its elements change
      } else if (Statements.isLoop(s)) {
        for (List<Stmt> block : Statements.parts(s).blocks()) {
          counts(block).forEach((name, c) -> n.merge(name, 2 * c, Integer::sum));
        }
      } else {
        Map<String, Integer> most = new HashMap<>(); // a branch: the path through one block
        for (List<Stmt> block : Statements.parts(s).blocks()) {
          counts(block).forEach((name, c) -> most.merge(name, c, Math::max));
        }
        most.forEach((name, c) -> n.merge(name, c, Integer::sum));
      }
    }
    return n;
  }
}
