package dev.backprop.processor.differentiate;

import dev.backprop.processor.ir.BinaryOp;
import dev.backprop.processor.ir.Expr;
import dev.backprop.processor.ir.Expressions;
import dev.backprop.processor.ir.Statements;
import dev.backprop.processor.ir.Stmt;
import dev.backprop.processor.ir.Sweep;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tidying that makes a backward sweep read like hand-written backprop: nothing restored that
 * nobody reads, no reset nobody needs, {@code dx = 0; dx -= e;} as {@code dx = -e;}, a
 * parameter's single contribution written straight into {@code grad}, no comment over nothing.
 * Each pass takes a sweep and returns a new one.
 */
final class Tidying {

  private Tidying() {}

  /** The variables the backward sweep restores. */
  static Set<String> restored(List<Stmt> backward) {
    Set<String> restored = new HashSet<>();
    Statements.forEach(backward, s -> {
      if (s instanceof Sweep.Restore r) {
        restored.add(Saves.variable(r.target()));
      }
    });
    return restored;
  }

  /** Drops {@code dv = 0} where nothing reads or adds to dv afterwards. */
  static List<Stmt> deadResetsDropped(List<Stmt> body, Set<String> adjoints) {
    return deadResetsDropped(body, adjoints, new HashSet<>());
  }

  private static List<Stmt> deadResetsDropped(
      List<Stmt> body, Set<String> adjoints, Set<String> liveAfter) {
    Set<String> live = new HashSet<>(liveAfter);
    List<Stmt> kept = new ArrayList<>();
    for (int i = body.size() - 1; i >= 0; i--) {
      Stmt s = body.get(i);
      if (s instanceof Stmt.Assign reset && isReset(reset, adjoints)
          && !live.contains(reset.name())) {
        continue;
      }
      List<List<Stmt>> blocks = Statements.parts(s).blocks();
      if (!blocks.isEmpty()) {
        // what one iteration touches is live at the end of the one before
        Set<String> after = new HashSet<>(live);
        if (Statements.isLoop(s)) {
          after.addAll(Statements.names(s));
        }
        s = Statements.withBlocks(s,
            blocks.stream().map(b -> deadResetsDropped(b, adjoints, after)).toList());
      }
      live.addAll(Statements.names(s));
      kept.add(0, s);
    }
    return kept;
  }

  /** {@code dv = 0} for an adjoint {@code dv}. */
  private static boolean isReset(Stmt.Assign a, Set<String> adjoints) {
    return !a.isCompound() && adjoints.contains(a.name()) && Exprs.isZero(a.value());
  }

  /**
   * {@code dx = 0; dx -= e;} reads {@code dx = -e;}, and {@code dx += e; dx += e;}
   * {@code dx += 2 * e}, as in the article ({@code 2 * a * dx}).
   */
  static List<Stmt> resetsMerged(List<Stmt> body, Set<String> adjoints) {
    List<Stmt> out = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      Stmt s = body.get(i);
      List<List<Stmt>> blocks = Statements.parts(s).blocks();
      if (!blocks.isEmpty()) {
        s = Statements.withBlocks(s, blocks.stream().map(b -> resetsMerged(b, adjoints)).toList());
      }
      Stmt next = i + 1 < body.size() ? body.get(i + 1) : null;
      if (s instanceof Stmt.Store store && s.equals(next) && store.isCompound()
          && !Expressions.reads(store.value(), store.array())) {
        out.add(store.into(store.array(), store.compound(), Exprs.doubled(store.value())));
        i++;
        continue;
      }
      if (s instanceof Stmt.Assign a && s.equals(next) && a.isCompound()
          && adjoints.contains(a.name()) && !Expressions.reads(a.value(), a.name())) {
        // x * x: two equal contributions read as one doubled, as in the article (2 * a * dx).
        out.add(new Stmt.Assign(a.name(), a.compound(), Exprs.doubled(a.value()), null));
        i++;
        continue;
      }
      if (s instanceof Stmt.Assign reset && isReset(reset, adjoints)) {
        // dv = 0, then (after statements that leave dv alone) dv -= e: the reset goes, and the
        // subtraction, where it stands, becomes dv = -e.
        String dv = reset.name();
        int j = i + 1;
        while (j < body.size() && !Statements.mentions(body.get(j), dv)) {
          j++;
        }
        if (j < body.size() && body.get(j) instanceof Stmt.Assign add && add.name().equals(dv)
            && add.isCompound() && !Expressions.reads(add.value(), dv)) {
          List<Stmt> rest = new ArrayList<>(body.subList(i + 1, body.size()));
          Expr value = add.compound() == BinaryOp.MINUS ? Exprs.neg(add.value()) : add.value();
          rest.set(j - i - 1, Stmt.Assign.of(dv, value));
          out.addAll(resetsMerged(rest, adjoints));
          return out;
        }
      }
      out.add(s);
    }
    return out;
  }

  /**
   * A parameter whose adjoint gets exactly one contribution, outside any branch, is written
   * straight into {@code grad}: {@code grad[0] = x * dq} rather than a local and a copy.
   */
  static List<Stmt> parameterAdjointsInlined(List<Stmt> body) {
    Map<String, Integer> parameters = new LinkedHashMap<>();
    for (Stmt s : body) {
      if (s instanceof Sweep.GradientOut g && g.value() instanceof Expr.Ref ref) {
        parameters.put(ref.name(), g.index());
      }
    }
    List<Stmt> out = new ArrayList<>(body);
    for (Map.Entry<String, Integer> parameter : parameters.entrySet()) {
      String adjoint = parameter.getKey();
      int touches = 0;
      int at = -1;
      int outAt = -1;
      for (int i = 0; i < out.size(); i++) {
        Stmt s = out.get(i);
        if (s instanceof Sweep.GradientOut g && g.index() == parameter.getValue()
            && g.value() instanceof Expr.Ref ref && ref.name().equals(adjoint)) {
          outAt = i;
          continue;
        }
        if (Statements.mentions(s, adjoint)) {
          touches++;
          at = i;
        }
      }
      if (touches != 1 || !(out.get(at) instanceof Stmt.Assign a) || !a.name().equals(adjoint)
          || !a.isCompound() || Expressions.reads(a.value(), adjoint)) {
        continue;
      }
      Expr value = a.compound() == BinaryOp.MINUS ? Exprs.neg(a.value()) : a.value();
      out.set(at, new Sweep.GradientOut(parameter.getValue(), value));
      out.remove(outAt);
    }
    return out;
  }

  /** Drops comments whose statements were all tidied away (or only restore values). */
  static List<Stmt> emptyCommentsDropped(List<Stmt> body) {
    List<Stmt> out = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      Stmt s = body.get(i);
      if (s instanceof Sweep.Reversing) {
        int j = i + 1;
        while (j < body.size()
            && (body.get(j) instanceof Sweep.Restore || body.get(j) instanceof Sweep.Undo)) {
          j++;
        }
        if (j == body.size() || body.get(j) instanceof Sweep.Reversing) {
          continue;
        }
      }
      List<List<Stmt>> blocks = Statements.parts(s).blocks();
      if (!blocks.isEmpty()) {
        s = Statements.withBlocks(s, blocks.stream().map(Tidying::emptyCommentsDropped).toList());
      }
      out.add(s);
    }
    return out;
  }
}
