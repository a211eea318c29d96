package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.Statements;
import dev.backprop.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each variable of a generated method is declared: a path of block numbers from the
 * method's body. Two variables may share a name in Java when no declaration of one is in a block
 * that holds a declaration of the other (sibling loops may both count with {@code i}).
 */
final class Scopes {

  private final Map<String, List<List<Integer>>> declarations = new LinkedHashMap<>();
  private int blocks;

  /** The declarations in {@code sweeps} (parts of one method body), and the parameters. */
  static Scopes of(List<String> parameters, List<List<Stmt>> sweeps) {
    Scopes scopes = new Scopes();
    parameters.forEach(p -> scopes.declare(p, List.of()));
    sweeps.forEach(sweep -> scopes.walk(sweep, List.of()));
    return scopes;
  }

  private void walk(List<Stmt> body, List<Integer> block) {
    for (Stmt s : body) {
      Statements.Parts parts = Statements.parts(s);
      parts.declares().forEach(name -> declare(name, block));
      if (!parts.header().isEmpty() || !parts.blocks().isEmpty()) {
        // a statement with blocks is a scope of its own: a for loop's index lives in it
        List<Integer> own = inner(block);
        walk(parts.header(), own);
        parts.blocks().forEach(b -> walk(b, inner(own)));
      }
    }
  }

  private List<Integer> inner(List<Integer> block) {
    List<Integer> path = new ArrayList<>(block);
    path.add(blocks++);
    return path;
  }

  /** Records that {@code name} is declared in {@code block} (the method's body: empty). */
  void declare(String name, List<Integer> block) {
    declarations.computeIfAbsent(name, k -> new ArrayList<>()).add(block);
  }

  /** Every variable declared, in the order of its first declaration. */
  List<String> variables() {
    return new ArrayList<>(declarations.keySet());
  }

  /** Whether {@code a} and {@code b} are in scope together somewhere, so need different names. */
  boolean overlap(String a, String b) {
    for (List<Integer> x : declarations.getOrDefault(a, List.of(List.of()))) {
      for (List<Integer> y : declarations.getOrDefault(b, List.of(List.of()))) {
        if (startsWith(x, y) || startsWith(y, x)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean startsWith(List<Integer> path, List<Integer> prefix) {
    return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
  }
}
