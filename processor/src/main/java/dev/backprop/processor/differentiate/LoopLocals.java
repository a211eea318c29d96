package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.BinaryOp;
import dev.backprop.processor.ir.Expressions;
import dev.backprop.processor.ir.Statements;
import dev.backprop.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Declares in a loop's body what only that loop uses, where it is first written, as a
 * hand-writer does: {@code double score = w[0] * xi[0] + ...;} and {@code double dscore =
 * -y[i] * dsum;} inside a fused loop, not {@code double score = 0;} and {@code double dscore =
 * 0;} at the top of the method with {@code dscore -= ...; ...; dscore = 0;} in the loop. A
 * variable moves when it is declared with its zero value, every other use of it is in one
 * {@code for} loop's body, and that body's first statement that uses it writes it:
 * <ul>
 *   <li>{@code v = e} (e not reading v): the value before is never read;
 *   <li>{@code dv += e} or {@code dv -= e}, when the body ends its use with {@code dv = 0} and
 *       nothing in it breaks or continues: every iteration starts from 0 then.
 * </ul>
 */
final class LoopLocals {

  private final Map<String, Integer> uses;
  /** The zero-initialized declarations, by the variable they declare (declared once). */
  private final Map<String, Stmt.Declare> declarations = new HashMap<>();
  /** The loop each moving variable goes into (an inner loop, found later, wins). */
  private final Map<String, Stmt.For> homes = new HashMap<>();

  private LoopLocals(List<Stmt> forward, List<Stmt> backward) {
    uses = new HashMap<>();
    count(forward, uses);
    count(backward, uses);
    Map<String, Integer> declared = new HashMap<>();
    for (List<Stmt> sweep : List.of(forward, backward)) {
      Statements.forEach(sweep, s -> {
        if (s instanceof Stmt.Declare d) {
          declared.merge(d.name(), 1, Integer::sum);
          if (d.init() == null || Exprs.isZero(d.init()) || d.init().equals(d.type().zero())) {
            declarations.put(d.name(), d);
          }
        }
      });
    }
    declared.forEach((name, n) -> {
      if (n > 1) {
        declarations.remove(name);
      }
    });
  }

  /** The sweeps with their loop-only variables declared in their loops. */
  static Fusion.Sweeps of(Fusion.Sweeps sweeps) {
    LoopLocals locals = new LoopLocals(sweeps.forward(), sweeps.backward());
    locals.findHomes(sweeps.forward());
    locals.findHomes(sweeps.backward());
    if (locals.homes.isEmpty()) {
      return sweeps;
    }
    return new Fusion.Sweeps(locals.rewrite(sweeps.forward()), locals.rewrite(sweeps.backward()));
  }

  /** How many statements use each variable: each simple statement once, each loop header once. */
  private static void count(List<Stmt> block, Map<String, Integer> uses) {
    for (Stmt s : block) {
      Statements.Parts parts = Statements.parts(s);
      if (parts.blocks().isEmpty()) {
        Statements.names(s).forEach(n -> uses.merge(n, 1, Integer::sum));
        continue;
      }
      Set<String> own = new HashSet<>(parts.reads());
      own.addAll(parts.writes());
      own.forEach(n -> uses.merge(n, 1, Integer::sum));
      count(parts.header(), uses);
      parts.blocks().forEach(b -> count(b, uses));
    }
  }

  /** Records, for each candidate, the innermost for loop whose body holds all its other uses. */
  private void findHomes(List<Stmt> block) {
    for (Stmt s : block) {
      if (s instanceof Stmt.For loop) {
        Map<String, Integer> inBody = new HashMap<>();
        count(loop.body(), inBody);
        inBody.forEach((name, n) -> {
          if (declarations.containsKey(name) && n == uses.get(name) - 1
              && movable(loop.body(), name)) {
            homes.put(name, loop); // an inner loop, visited later, replaces it
          }
        });
      }
      Statements.parts(s).blocks().forEach(this::findHomes);
    }
  }

  /** Whether {@code name}'s first use in {@code body} is a write that can declare it. */
  private boolean movable(List<Stmt> body, String name) {
    int first = firstUse(body, name);
    if (first < 0 || !(body.get(first) instanceof Stmt.Assign a)
        || Expressions.reads(a.value(), name)) {
      return false;
    }
    if (a.compound() == null) {
      return true;
    }
    if (a.compound() != BinaryOp.PLUS && a.compound() != BinaryOp.MINUS) {
      return false;
    }
    int last = body.size() - 1;
    while (last >= 0 && !Statements.mentions(body.get(last), name)) {
      last--;
    }
    boolean[] leaves = {false};
    Statements.forEach(body, s -> leaves[0] |= s instanceof Stmt.Break
        || s instanceof Stmt.Continue || s instanceof Stmt.Return);
    return last > first && !leaves[0] && body.get(last) instanceof Stmt.Assign reset
        && reset.name().equals(name) && reset.compound() == null
        && Exprs.isZero(reset.value());
  }

  private static int firstUse(List<Stmt> body, String name) {
    for (int i = 0; i < body.size(); i++) {
      if (Statements.mentions(body.get(i), name)) {
        return i;
      }
    }
    return -1;
  }

  private List<Stmt> rewrite(List<Stmt> block) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : block) {
      if (s instanceof Stmt.Declare d && homes.containsKey(d.name())
          && declarations.get(d.name()) == d) {
        continue;
      }
      Statements.Parts parts = Statements.parts(s);
      if (parts.blocks().isEmpty()) {
        out.add(s);
        continue;
      }
      List<List<Stmt>> blocks = new ArrayList<>();
      for (List<Stmt> b : parts.blocks()) {
        blocks.add(rewrite(b));
      }
      if (s instanceof Stmt.For loop && homes.values().stream().anyMatch(h -> h == loop)) {
        blocks.set(0, declaredIn(loop, blocks.get(0)));
      }
      out.add(Statements.withBlocks(s, blocks));
    }
    return out;
  }

  /** {@code body} of {@code loop} with each variable whose home it is declared at its first use. */
  private List<Stmt> declaredIn(Stmt.For loop, List<Stmt> body) {
    List<Stmt> out = new ArrayList<>(body);
    homes.forEach((name, home) -> {
      if (home != loop) {
        return;
      }
      int first = firstUse(out, name);
      Stmt.Assign a = (Stmt.Assign) out.get(first);
      Stmt.Declare d = declarations.get(name);
      if (a.compound() != null) {
        int last = out.size() - 1;
        while (!Statements.mentions(out.get(last), name)) {
          last--;
        }
        out.remove(last); // the reset to 0 the next iteration started from
      }
      out.set(first, new Stmt.Declare(name, d.type(),
          a.compound() == BinaryOp.MINUS ? Exprs.neg(a.value()) : a.value(), a.position()));
    });
    return out;
  }
}
