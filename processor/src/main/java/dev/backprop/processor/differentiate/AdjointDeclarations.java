package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.BinaryOp;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Expressions;
import dev.backprop.processor.ir.Statements;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Sweep;
import dev.backprop.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Declares each scalar adjoint in the innermost block that uses it, where it is first written
 * ({@code double dq = z * df;}) when that write comes before any read; otherwise as 0 at the
 * start of that block.
 */
final class AdjointDeclarations {

  private AdjointDeclarations() {}

  static List<Stmt> declare(List<Stmt> body, Set<String> adjoints) {
    Set<String> local = new TreeSet<>();
    Map<Integer, List<Set<String>>> inBranch = new HashMap<>();
    // which statements mention each adjoint, in one pass over the body
    Map<String, List<Integer>> mentions = new HashMap<>();
    for (int i = 0; i < body.size(); i++) {
      for (String name : Statements.names(body.get(i))) {
        if (adjoints.contains(name)) {
          mentions.computeIfAbsent(name, k -> new ArrayList<>()).add(i);
        }
      }
    }
    for (String adjoint : adjoints) {
      List<Integer> touching = mentions.getOrDefault(adjoint, List.of());
      if (touching.isEmpty()) {
        continue;
      }
      int branch = touching.size() == 1 ? onlyBranch(body.get(touching.get(0)), adjoint) : -1;
      if (branch >= 0) {
        inBranch.computeIfAbsent(touching.get(0), k -> List.of(new HashSet<>(), new HashSet<>()))
            .get(branch).add(adjoint);
      } else {
        local.add(adjoint);
      }
    }
    Set<String> seen = new HashSet<>();
    List<Stmt> zeros = new ArrayList<>();
    List<Stmt> out = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      Stmt s = body.get(i);
      if (inBranch.containsKey(i) && s instanceof Stmt.If b) {
        s = b.withBranches(declare(b.then(), inBranch.get(i).get(0)),
            declare(b.otherwise(), inBranch.get(i).get(1)));
      }
      if (s instanceof Sweep.Seed seed) {
        seen.add(seed.name());
      } else if (s instanceof Stmt.Assign a && local.contains(a.name()) && !seen.contains(a.name())
          && !Expressions.reads(a.value(), a.name())) {
        seen.add(a.name());
        markTouched(new TreeSet<>(Statements.names(s)), local, seen, zeros);
        Expr init = a.compound() == BinaryOp.MINUS ? Exprs.neg(a.value()) : a.value();
        out.add(new Stmt.Declare(a.name(), Type.DOUBLE, init));
        continue;
      }
      markTouched(new TreeSet<>(Statements.names(s)), local, seen, zeros);
      out.add(s);
    }
    int start = !out.isEmpty() && out.get(0) instanceof Sweep.Seed ? 1 : 0;
    out.addAll(start, zeros);
    return out;
  }

  /** 0 or 1 when only the then- or else-branch of {@code s} uses {@code name}, else -1. */
  private static int onlyBranch(Stmt s, String name) {
    if (!(s instanceof Stmt.If b) || Expressions.reads(b.condition(), name)) {
      return -1;
    }
    boolean inThen = b.then().stream().anyMatch(t -> Statements.mentions(t, name));
    boolean inElse = b.otherwise().stream().anyMatch(t -> Statements.mentions(t, name));
    if (inThen == inElse) {
      return -1;
    }
    return inThen ? 0 : 1;
  }

  private static void markTouched(
      Set<String> names, Set<String> local, Set<String> seen, List<Stmt> zeros) {
    for (String name : names) {
      if (local.contains(name) && seen.add(name)) {
        zeros.add(new Stmt.Declare(name, Type.DOUBLE, Exprs.ZERO));
      }
    }
  }
}
