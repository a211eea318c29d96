package dev.backprop.processor.fuzz;

import dev.backprop.processor.fuzz.Ast.Block;
import dev.backprop.processor.fuzz.Ast.Fn;
import dev.backprop.processor.fuzz.Ast.If;
import dev.backprop.processor.fuzz.Ast.S;
import dev.backprop.processor.fuzz.Ast.T;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Program shapes that trigger bugs already reported (see {@link FuzzRegressionsTest}). With
 * {@code -Dfuzz.avoid=loop-in-branch,long-in-loop,array-after-return,store-reads-array,}
 * {@code store-passes-array,loop-never-completes,store-of-step,row-at-math-index} (or
 * {@code all}) the generator regenerates methods of those shapes, so that a run can look for
 * other bugs while these are open. Off by default: CI must keep seeing them.
 */
final class KnownShapes {

  private KnownShapes() {}

  enum Shape {
    /**
     * A for loop inside an if branch, or after an if that may return (the single-exit rewrite
     * moves it into a branch): the gradient class reads the loop body's locals out of scope.
     */
    LOOP_IN_BRANCH("loop-in-branch", f -> loopInBranch(f.body(), false)),
    /** A long value (a {@code Math.round}, a long local) inside a loop: the tape holds doubles. */
    LONG_IN_LOOP("long-in-loop", f -> anyStatement(f.body(), s -> Ast.isLoop(s)
        && anyStatement(Ast.bodies(s).get(0), t -> {
          boolean[] found = {t instanceof Ast.Decl d && d.type() == T.LONG};
          Ast.forEachExpr(t, e -> found[0] |= e.type() == T.LONG);
          return found[0];
        }))),
    /**
     * A local array declared after an if that may return (the single-exit rewrite moves it into
     * a branch): the gradient class uses {@code tape} without declaring it.
     */
    ARRAY_AFTER_RETURN("array-after-return", f -> arrayAfterReturn(f.body())),
    /**
     * A store into a local array whose value reads the same array ({@code h[i] = h[2]},
     * {@code h[i] += h[0] - c}): when the indices meet, the backward sweep zeroes or doubles
     * the adjoint it has just updated.
     */
    STORE_READS_ITS_ARRAY("store-reads-array", f -> anyStatement(f.body(), s -> {
      if (!(s instanceof Ast.Store st)) {
        return false;
      }
      boolean[] found = {false};
      Ast.visit(st.value(), e -> found[0] |= e instanceof Ast.Index i
          && i.array() instanceof Ast.Var v && v.name().equals(st.name()));
      return found[0];
    })),
    /**
     * A store into a local array whose value passes the same array to a call
     * ({@code h[k] = f(h, ...)}): the backward sweep zeroes the adjoint of h[k] after the
     * callee's pullback has added to it.
     */
    STORE_PASSES_ITS_ARRAY("store-passes-array", f -> anyStatement(f.body(), s -> {
      if (!(s instanceof Ast.Store st)) {
        return false;
      }
      boolean[] found = {false};
      Ast.visit(st.value(), e -> found[0] |= e instanceof Ast.Call c && c.args().stream()
          .anyMatch(a -> a instanceof Ast.Var v && v.name().equals(st.name())));
      return found[0];
    })),
    /**
     * A loop that only a return leaves ({@code while (true)} without a break, a do-while whose
     * body always returns), in a branch: the statements after the if move behind the loop,
     * where they read variables the other branch assigns.
     */
    LOOP_NEVER_COMPLETES("loop-never-completes", f -> anyStatement(f.body(), s ->
        (s instanceof Ast.While w && w.c() instanceof Ast.Lit && !breaks(w.body()))
        || (s instanceof Ast.DoWhile d && !d.body().isEmpty()
            && d.body().get(d.body().size() - 1) instanceof Ast.Return && !breaks(d.body())))),
    /**
     * A store of a piecewise-constant value ({@code h[k] = Math.floor(x)}) into a local array:
     * when only the array's length is read, the pullback zeroes the adjoint of h[k] without
     * declaring the adjoint array.
     */
    STORE_OF_STEP("store-of-step", f -> anyStatement(f.body(), s -> s instanceof Ast.Store st
        && st.value() instanceof Ast.MathFn m
        && List.of("floor", "ceil", "rint", "signum", "round").contains(m.fn()))),
    /**
     * A row of a local matrix at an index that calls Math ({@code f(m[Math.abs(k)])}) passed
     * to a call: an internal NullPointerException in the processor.
     */
    ROW_AT_MATH_INDEX("row-at-math-index", f -> anyStatement(f.body(), s -> {
      boolean[] found = {false};
      Ast.forEachExpr(s, e -> {
        if (e instanceof Ast.Call c) {
          for (Ast.E a : c.args()) {
            if (a instanceof Ast.Index i && i.array().type() == T.DMAT) {
              Ast.visit(i.index(), n -> found[0] |= n instanceof Ast.MathFn);
            }
          }
        }
      });
      return found[0];
    }));

    final String flag;
    final Predicate<Fn> matches;

    Shape(String flag, Predicate<Fn> matches) {
      this.flag = flag;
      this.matches = matches;
    }
  }

  /** Nothing is avoided unless asked: every shape here is a fixed bug CI keeps checking. */
  static final String DEFAULT_AVOID = "none";

  /** The shapes {@code -Dfuzz.avoid} names. */
  static Set<Shape> avoided() {
    String avoid = System.getProperty("fuzz.avoid", DEFAULT_AVOID);
    List<String> flags = Arrays.asList(avoid.split(","));
    return Arrays.stream(Shape.values())
        .filter(s -> flags.contains("all") || flags.contains(s.flag))
        .collect(Collectors.toSet());
  }

  static boolean avoid(Fn f, Set<Shape> shapes) {
    for (Shape s : shapes) {
      if (s.matches.test(f)) {
        return true;
      }
    }
    return false;
  }

  private static boolean loopInBranch(List<S> body, boolean inBranch) {
    boolean mayHaveReturned = false;
    for (S s : body) {
      if (Ast.isLoop(s) && (inBranch || mayHaveReturned)) {
        return true;
      }
      if (s instanceof If i) {
        if (loopInBranch(i.then(), true) || (i.els() != null && loopInBranch(i.els(), true))) {
          return true;
        }
        mayHaveReturned |= anyStatement(List.of(s), t -> t instanceof Ast.Return);
      } else if (s instanceof Block b) {
        if (loopInBranch(b.body(), inBranch || mayHaveReturned)) {
          return true;
        }
        mayHaveReturned |= anyStatement(b.body(), t -> t instanceof Ast.Return);
      } else if (Ast.isLoop(s) && loopInBranch(Ast.bodies(s).get(0), inBranch || mayHaveReturned)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a break in body (not in a nested loop) leaves the loop body belongs to. */
  private static boolean breaks(List<S> body) {
    for (S s : body) {
      if (s instanceof Ast.Break) {
        return true;
      }
      if (!Ast.isLoop(s) && Ast.bodies(s).stream().anyMatch(KnownShapes::breaks)) {
        return true;
      }
    }
    return false;
  }

  private static boolean arrayAfterReturn(List<S> body) {
    boolean mayHaveReturned = false;
    for (S s : body) {
      if (s instanceof Ast.ArrayDecl && mayHaveReturned) {
        return true;
      }
      mayHaveReturned |= !(s instanceof Ast.ArrayDecl) && anyStatement(List.of(s), t -> t instanceof Ast.Return);
    }
    return false;
  }

  private static boolean anyStatement(List<S> body, Predicate<S> p) {
    for (S s : body) {
      if (p.test(s)) {
        return true;
      }
      if (s instanceof If i && (anyStatement(i.then(), p)
          || (i.els() != null && anyStatement(i.els(), p)))) {
        return true;
      }
      if (s instanceof Block b && anyStatement(b.body(), p)) {
        return true;
      }
      if (Ast.isLoop(s) && anyStatement(Ast.bodies(s).get(0), p)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code f} has a shape in {@code shapes} that {@code reference} does not have. */
  static boolean introduces(Fn f, Fn reference, Set<Shape> shapes) {
    for (Shape s : shapes) {
      if (s.matches.test(f) && (reference == null || !s.matches.test(reference))) {
        return true;
      }
    }
    return false;
  }

}
