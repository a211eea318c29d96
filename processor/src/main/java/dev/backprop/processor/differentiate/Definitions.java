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
    Set<String> single = new HashSet<>();
    for (String name : locals) {
      if (count(body, name) <= 1) {
        single.add(name);
      }
    }
    return single;
  }

  /** How many times {@code name} may be defined on one path: a definition in a loop counts 2. */
  private static int count(List<Stmt> body, String name) {
    int n = 0;
    for (Stmt s : body) {
      if (s instanceof Stmt.Declare d && d.name().equals(name) && d.init() != null) {
        n++;
      } else if (s instanceof Stmt.Assign a && a.name().equals(name)) {
        n++;
      } else if (s instanceof Stmt.Store store && store.array().equals(name)) {
        n += 2; // the array stays, its elements change: never a single definition
      } else if (Statements.isLoop(s)) {
        for (List<Stmt> block : Statements.parts(s).blocks()) {
          n += 2 * count(block, name);
        }
      } else {
        int most = 0; // a branch: the path through one block
        for (List<Stmt> block : Statements.parts(s).blocks()) {
          most = Math.max(most, count(block, name));
        }
        n += most;
      }
    }
    return n;
  }
}
