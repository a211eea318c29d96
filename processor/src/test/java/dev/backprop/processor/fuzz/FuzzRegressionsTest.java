package dev.backprop.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.processor.testing.CompiledGradients;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The minimal programs of the bugs {@link GradientFuzzTest} found, each asserting the correct
 * behaviour: the class compiles (under {@code -Xlint:all -Werror}), the generated value equals
 * the original's and the gradient is the exact one (worked out by hand in the comments). Every
 * bug here is fixed; each test failed before its fix.
 */
class FuzzRegressionsTest {

  private static final String HEADER = """
      package r;

      import dev.backprop.Differentiable;

      final class %s {
      %s
      }
      """;

  /** Compiles one class {@code r.<name>} holding {@code methods}. */
  private static CompiledGradients compile(String name, String methods) {
    return CompiledGradients.compile("r." + name, String.format(HEADER, name, methods.indent(2)));
  }

  /** [value, gradient...] of the generated method must be {@code expected}, to round-off. */
  private static void assertGradient(CompiledGradients c, String cls, String method,
      double[] expected, Object... args) {
    double[] actual = c.gradientAt("r." + cls + "Grad", method, expected.length - 1, args);
    List<Executable> checks = new ArrayList<>();
    for (int i = 0; i < expected.length; i++) {
      int k = i;
      checks.add(() -> assertEquals(expected[k], actual[k], 1e-12 * (1 + Math.abs(expected[k])),
          (k == 0 ? "value" : "d/d(parameter " + (k - 1) + ")") + " of " + method));
    }
    assertAll(checks);
  }

  // --- 1. The pullback loses the declaration of a local whose first value is dead -------------

  /**
   * {@code double s; s = ...;}: the value-and-gradient form declares {@code s}; the pullback,
   * whose forward sweep is pruned to what its backward sweep reads, keeps {@code s = x * y} (the
   * next statement, which the backward sweep needs, reads s) but drops {@code double s;} as
   * dead, so the gradient class does not compile: "cannot find symbol s".
   */
  @Test
  void localDeclaredWithoutValueThenAssigned() {
    CompiledGradients c = compile("DeclaredLater", """
        @Differentiable
        static double declaredLater(double x, double y) {
          double s;
          s = x * y;
          return Math.sin(s);
        }
        """);
    // sin(x y): d/dx = y cos(x y), d/dy = x cos(x y); at x y = 1
    double cos = Math.cos(1);
    assertGradient(c, "DeclaredLater", "declaredLater",
        new double[] {Math.sin(1), 2 * cos, 0.5 * cos}, 0.5, 2.0);
  }

  /** The same with an initial value that is overwritten before it is read. */
  @Test
  void localWithDeadInitialValueThenAssigned() {
    CompiledGradients c = compile("DeadInitializer", """
        @Differentiable
        static double deadInitializer(double x) {
          double t = 1.5;
          t = x;
          return Math.tan(t);
        }
        """);
    double tan = Math.tan(0.5);
    assertGradient(c, "DeadInitializer", "deadInitializer",
        new double[] {tan, 1 + tan * tan}, 0.5);
  }

  // --- 2. v = c ? ... v ... : ...: the adjoint of v's old value ignores the branch --------------

  /**
   * A clamp written as a reassignment, {@code x = x >= 1.5 ? x : 0.5}: when the constant branch
   * is taken the old x does not reach the result, but the backward sweep still passes
   * {@code dx} through (d/dx = 1 instead of 0): the "self" adjoint of a reassignment is
   * collected from both branches of the ternary and applied outside the branch.
   */
  @Test
  void reassignmentThroughTernaryThatTakesTheConstantBranch() {
    CompiledGradients c = compile("Clamp", """
        @Differentiable
        static double clamp(double x) {
          x = x >= 1.5 ? x : 0.5;
          return x;
        }
        """);
    assertGradient(c, "Clamp", "clamp", new double[] {0.5, 0}, -1.0);
    assertGradient(c, "Clamp", "clamp", new double[] {2, 1}, 2.0);
  }

  /** The same through a compound assignment: {@code y += x > 0 ? 1.0 : y}. */
  @Test
  void compoundReassignmentThroughTernary() {
    CompiledGradients c = compile("CompoundTernary", """
        @Differentiable
        static double compoundTernary(double x, double y) {
          y += x > 0 ? 1.0 : y;
          return y;
        }
        """);
    // x > 0: y + 1, d/dx = 0, d/dy = 1; otherwise y + y, d/dy = 2
    assertGradient(c, "CompoundTernary", "compoundTernary", new double[] {4, 0, 1}, 1.0, 3.0);
    assertGradient(c, "CompoundTernary", "compoundTernary", new double[] {6, 0, 2}, -1.0, 3.0);
  }

  // --- 3. A ternary's branches are evaluated whichever branch is taken -----------------------

  /**
   * {@code x > 0 ? Math.sqrt(x) : ...}: the linearizer moves {@code Math.sqrt(x)} into a local
   * before the statement, so it is computed for x < 0 too (NaN), and the backward sweep of that
   * local (outside the branch) multiplies its adjoint 0 by 1 / (2 sqrt(x)) = NaN.
   */
  @Test
  void guardedSquareRootInTernary() {
    CompiledGradients c = compile("GuardedSqrt", """
        @Differentiable
        static double guardedSqrt(double x) {
          return x > 0 ? Math.sqrt(x) : 0.5 * x;
        }
        """);
    assertGradient(c, "GuardedSqrt", "guardedSqrt", new double[] {-0.5, 0.5}, -1.0);
    assertGradient(c, "GuardedSqrt", "guardedSqrt", new double[] {2, 0.25}, 4.0);
  }

  /**
   * Entropy-style guard {@code p > 0 ? p * Math.log(p) : 0} at p = 0: log(0) is computed anyway
   * and its local derivative 1 / p = infinity times the adjoint 0 gives NaN.
   */
  @Test
  void guardedLogarithmInTernaryAtZero() {
    CompiledGradients c = compile("GuardedLog", """
        @Differentiable
        static double guardedLog(double p, double q) {
          return (p > 0 ? p * Math.log(p) : 0) + q;
        }
        """);
    assertGradient(c, "GuardedLog", "guardedLog", new double[] {2, 0, 1}, 0.0, 2.0);
  }

  /**
   * {@code k != 0 ? Math.exp(x * (3 / k)) : x}: the exp is computed before the ternary, so
   * k = 0 throws {@code ArithmeticException: / by zero} where the original returns x.
   */
  @Test
  void guardedIntegerDivisionInTernary() {
    CompiledGradients c = compile("GuardedDivision", """
        @Differentiable
        static double guardedDivision(double x, int k) {
          return k != 0 ? Math.exp(x * (3 / k)) : x;
        }
        """);
    assertGradient(c, "GuardedDivision", "guardedDivision", new double[] {0.5, 1}, 0.5, 0);
    assertGradient(c, "GuardedDivision", "guardedDivision",
        new double[] {Math.exp(1.5), 3 * Math.exp(1.5)}, 0.5, 1);
  }

  /** An untaken branch at a singular point: cbrt'(0) is infinite, times the adjoint 0: NaN. */
  @Test
  void untakenBranchAtSingularPoint() {
    CompiledGradients c = compile("UntakenCbrt", """
        @Differentiable
        static double untakenCbrt(double a) {
          double zero = a - a;
          return a < 10 ? a : Math.cbrt(zero);
        }
        """);
    assertGradient(c, "UntakenCbrt", "untakenCbrt", new double[] {0.25, 1}, 0.25);
  }

  // --- 4. 1 / b inside a larger expression prints a placeholder ------------------------------

  /**
   * The rule {@code 1 / b: -y * y * g} reads the quotient y, but the linearizer asks the rule
   * what it reads with placeholder arguments, where the numerator is not the literal 1, so y is
   * not kept in a local and {@code <result not kept>} is printed into the gradient class.
   */
  @Test
  void reciprocalInsideSum() {
    CompiledGradients c = compile("Reciprocal", """
        @Differentiable
        static double reciprocal(double c) {
          double r = 1 / c + 0.5;
          return r;
        }
        """);
    assertGradient(c, "Reciprocal", "reciprocal", new double[] {1, -0.25}, 2.0);
  }

  /** The same in a ternary branch, with a double 1.0. */
  @Test
  void reciprocalInTernaryBranch() {
    CompiledGradients c = compile("ReciprocalTernary", """
        @Differentiable
        static double reciprocalTernary(double c) {
          double d = c > 0 ? 1.0 / c : c;
          return d;
        }
        """);
    assertGradient(c, "ReciprocalTernary", "reciprocalTernary", new double[] {0.5, -0.25}, 2.0);
  }

  /** The same as the whole value of a reassignment (the quotient is not kept there either). */
  @Test
  void reciprocalAssignedToParameter() {
    CompiledGradients c = compile("ReciprocalReassigned", """
        @Differentiable
        static double reciprocalReassigned(double a, double sum) {
          a = 1.0 / sum;
          return a;
        }
        """);
    assertGradient(c, "ReciprocalReassigned", "reciprocalReassigned",
        new double[] {0.5, 0, -0.25}, 3.0, 2.0);
  }

  // --- 5. A reassigned parameter's adjoint is written to grad before it is read --------------

  /**
   * {@code z += da} where z is declared after da: {@code inlineParameterAdjoints} first writes
   * da's only contribution as {@code grad[0] = dz}, then, looking at dz, skips that statement as
   * if it were dz's own {@code grad[1] = dz}, counts a single contribution and moves it into
   * {@code grad[1] = sinh(z) * dout}; {@code grad[0] = dz} then reads 0. ({@code x += y} with x
   * declared first is right.)
   */
  @Test
  void compoundAssignmentOfParameterFromAnother() {
    CompiledGradients c = compile("CompoundParameter", """
        @Differentiable
        static double compoundParameter(double da, double z) {
          z += da;
          return Math.cosh(z);
        }
        """);
    double s = Math.sinh(1.5);
    assertGradient(c, "CompoundParameter", "compoundParameter",
        new double[] {Math.cosh(1.5), s, s}, 0.5, 1.0);
  }

  /** The same with a plain reassignment and a copy. */
  @Test
  void reassignedParameterCopiedToLocal() {
    CompiledGradients c = compile("ReassignedParameter", """
        @Differentiable
        static double reassignedParameter(double seed, double out) {
          out = seed + out;
          double result = out;
          return result;
        }
        """);
    assertGradient(c, "ReassignedParameter", "reassignedParameter",
        new double[] {3, 1, 1}, 1.0, 2.0);
  }

  // --- 6. Loops inside branches read the loop body's locals out of scope ---------------------

  /**
   * A loop after an if that returns: the single-exit rewrite moves the loop into the else
   * branch, and the gradient class then reads a temporary of the loop body ({@code log})
   * outside the block that declares it: "cannot find symbol".
   */
  @Test
  void loopAfterEarlyReturn() {
    CompiledGradients c = compile("LoopAfterReturn", """
        @Differentiable
        static double loopAfterReturn(double x, double y) {
          if (x > 1) {
            return x;
          }
          for (int i = 0; i < 3; i++) {
            x = y * Math.log(1.5 + x * x);
          }
          return x;
        }
        """);
    // x = 2 > 1: returns x, d/dx = 1, d/dy = 0
    assertGradient(c, "LoopAfterReturn", "loopAfterReturn", new double[] {2, 1, 0}, 2.0, 0.5);
  }

  /** A loop in an else branch whose body declares a local that the backward sweep reads. */
  @Test
  void loopWithLocalInElseBranch() {
    CompiledGradients c = compile("LoopInElse", """
        @Differentiable
        static double loopInElse(double x, double y) {
          if (x > 1) {
            y = 1.5;
          } else {
            for (int i = 0; i < 2; i++) {
              int idx = 2;
              y = idx == 0 ? y : y * x;
            }
          }
          return y;
        }
        """);
    // x = 0.5 <= 1: y * x * x = 0.75, d/dx = 2 x y = 3, d/dy = x^2 = 0.25
    assertGradient(c, "LoopInElse", "loopInElse", new double[] {0.75, 3.0, 0.25}, 0.5, 3.0);
  }

  /** A loop in a then branch with an if inside: its condition's boolean is out of scope. */
  @Test
  void loopWithIfInThenBranch() {
    CompiledGradients c = compile("LoopInThen", """
        @Differentiable
        static double loopInThen(double x, double y) {
          if (y > 0) {
            for (int i = 0; i < 2; i++) {
              if (x < 10) {
                x = x * y;
              }
            }
          }
          return x;
        }
        """);
    // y = 2: x y^2 = 4 x: value 4, d/dx = y^2 = 4, d/dy = 2 x y = 4
    assertGradient(c, "LoopInThen", "loopInThen", new double[] {4, 4, 4}, 1.0, 2.0);
  }

  // --- 7. A long overwritten in a loop is restored from the double tape ----------------------

  /**
   * {@code Math.round} gives a long; its temporary, overwritten in each iteration, is saved
   * with {@code tape.push(round)} and restored with {@code round = tape.popDouble();}, which
   * does not compile ("possible lossy conversion from double to long"); a long beyond 2^53
   * would not survive a double tape either.
   */
  @Test
  void longOverwrittenInLoop() {
    CompiledGradients c = compile("RoundInLoop", """
        @Differentiable
        static double roundInLoop(double x, double out) {
          for (int l = 0; l <= 2; l++) {
            out = x * Math.round(1.5);
          }
          return out;
        }

        @Differentiable
        static double longLocalInLoop(double x) {
          double acc = 0;
          for (int i = 0; i < 3; i++) {
            long k = Math.round(x * i);
            acc += x * k;
          }
          return acc;
        }
        """);
    // 2 x: d/dx = 2, d/dout = 0
    assertGradient(c, "RoundInLoop", "roundInLoop", new double[] {1, 2, 0}, 0.5, 7.0);
    // x = 0.9: k = 0, 1, 2 (round(0), round(0.9), round(1.8)): acc = 3 x, d/dx = 3 (k is constant)
    assertGradient(c, "RoundInLoop", "longLocalInLoop", new double[] {2.7, 3}, 0.9);
  }

  // --- 8. A local array after an early return: the gradient class reads an undeclared tape ---

  /**
   * {@code double[] buf = new double[w.length]} after an if that returns: the single-exit
   * rewrite moves the array into the else branch, where the generated code takes it from the
   * tape ({@code buf = tape.zeros(w.length)}), but {@code tape} is declared only when the array
   * is at the top level (or a loop needs it): "cannot find symbol: variable tape".
   */
  @Test
  void localArrayAfterEarlyReturn() {
    CompiledGradients c = compile("ArrayAfterReturn", """
        @Differentiable
        static double arrayAfterReturn(double y, double[] w) {
          if (y > 5) {
            return 1.5;
          }
          double[] buf = new double[w.length];
          buf[0] = y * w[0];
          return buf[0] * y;
        }
        """);
    // y = 2, w = {3, 1}: y^2 w[0] = 12; d/dy = 2 y w[0] = 12, d/dw = {y^2, 0} = {4, 0}
    double[] grad = new double[1];
    double[] dw = new double[2];
    double value = c.gradientAtArrays("r.ArrayAfterReturnGrad", "arrayAfterReturn",
        2.0, new double[] {3, 1}, grad, dw)[0];
    assertAll(() -> assertEquals(12, value, 1e-12), () -> assertEquals(12, grad[0], 1e-12),
        () -> assertEquals(4, dw[0], 1e-12), () -> assertEquals(0, dw[1], 0));
  }

  /**
   * The restore of {@code steps} was kept because the restore of {@code hid[steps]} read it;
   * that one was dropped (nothing reads {@code hid}), leaving {@code steps = stepsPrev} in the
   * backward sweep with {@code steps} declared in a branch: "cannot find symbol".
   */
  @Test
  void restoreWhoseOnlyReaderWasDropped() {
    CompiledGradients c = compile("DroppedReader", """
        @Differentiable
        static double droppedReader(double[] w, double z) {
          if (z < 5) {
            int j2 = 2;
          } else {
            return 1.5;
          }
          double[] hid = new double[w.length];
          int steps = 0;
          steps++;
          hid[steps] *= 1.5;
          return z * w[0];
        }
        """);
    double[] grad = new double[1];
    double[] dw = new double[3];
    double value = c.gradientAtArrays("r.DroppedReaderGrad", "droppedReader",
        new double[] {3, 1, 2}, 2.0, grad, dw)[0];
    assertAll(() -> assertEquals(6, value, 1e-12), () -> assertEquals(3, grad[0], 1e-12),
        () -> assertEquals(2, dw[0], 1e-12), () -> assertEquals(0, dw[1], 0));
  }

  // --- 9. A store into a local array element that the same statement reads -----------------

  /**
   * {@code buf[ii] += buf[0] - c} in a loop: at ii = 0 the statement reads the element it
   * writes. Iteration 0 leaves buf[0] = -c, iteration 1 buf[1] = buf[0] - c = -2c: the value
   * is right, but the gradient is -3 instead of -2: the backward sweep writes
   * {@code dbuf[0] += dbuf[ii]; dc -= dbuf[ii];}, and at ii = 0 the second line reads the
   * adjoint the first just doubled. Not specific to loops: {@code buf[i] += buf[0] - c} with
   * {@code int i = 0} does the same.
   */
  @Test
  void compoundStoreReadingTheSameElement() {
    CompiledGradients c = compile("StoreReadsItself", """
        @Differentiable
        static double storeReadsItself(double c) {
          double[] buf = new double[3];
          for (int ii = 0; ii < 2; ii++) {
            buf[ii] += buf[0] - c;
          }
          return buf[1];
        }

        @Differentiable
        static double withoutLoop(double c) {
          double[] buf = new double[3];
          int i = 0;
          buf[i] += buf[0] - c;
          buf[1] += buf[0] - c;
          return buf[1];
        }
        """);
    // -2 c: d/dc = -2 (generated: dbuf[0] += dbuf[ii]; dc -= dbuf[ii]; reads the doubled dbuf[0])
    assertGradient(c, "StoreReadsItself", "storeReadsItself", new double[] {-2.75, -2}, 1.375);
    assertGradient(c, "StoreReadsItself", "withoutLoop", new double[] {-2.75, -2}, 1.375);
  }

  /**
   * {@code buf[i] = buf[2]} in a loop: at i = 2 an element is assigned to itself. The result is
   * z (buf[2] = z), d/dz = 1, but the generated gradient is 0: the backward sweep of the store
   * writes {@code dbuf[2] += dbuf[i]; dbuf[i] = 0;}, which at i = 2 zeroes the adjoint it just
   * passed on (it should take dbuf[i], zero it, then add). Also found as
   * {@code buf[buf.length - 1] = buf[steps]} in a while loop.
   */
  @Test
  void storeOfAnElementIntoItself() {
    CompiledGradients c = compile("StoreSelf", """
        @Differentiable
        static double storeSelf(double z) {
          double[] buf = new double[3];
          for (int i = 0; i < buf.length; i++) {
            buf[2] = z;
            buf[i] = buf[2];
          }
          return buf[2];
        }

        @Differentiable
        static double selfCopyThenAdd(double out) {
          double[] hs = new double[3];
          for (int i = 0; i < hs.length; i++) {
            hs[i] = hs[2];
            hs[2] += out;
          }
          return hs[2];
        }
        """);
    assertGradient(c, "StoreSelf", "storeSelf", new double[] {-0.5, 1}, -0.5);
    // hs[2] = out, 2 out, then hs[2] = hs[2] and 3 out: d/dout = 3 (generated: 1)
    assertGradient(c, "StoreSelf", "selfCopyThenAdd", new double[] {1.5, 3}, 0.5);
  }

  // --- 10. A store whose value passes the same local array to a call -------------------------

  /**
   * {@code hid[k] = last(hid, 1.5)}, where {@code last} returns {@code hid[k]}: the value is
   * right, but d/dvalue is 0 instead of 1. The backward sweep of the store calls the pullback
   * of {@code last}, which adds the adjoint to {@code dhid[k]}, then writes
   * {@code dhid[k] = 0}, zeroing what the pullback just passed on (it should take dhid[k] and
   * zero it before the pullback). The same bug as section 9, through a call instead of a read.
   */
  @Test
  void storeOfACallReadingTheSameArray() {
    CompiledGradients c = compile("StoreCallReadsArray", """
        @Differentiable
        static double last(double[] theta, double b) {
          b = theta[theta.length - 1];
          return b;
        }

        @Differentiable
        static double storeCall(double[] theta, double value) {
          double[] hid = new double[theta.length];
          hid[theta.length - 1] = value;
          hid[theta.length - 1] = last(hid, 1.5);
          return hid[theta.length - 1];
        }
        """);
    // hid[3] = value, then last(hid) = hid[3] = value: d/dvalue = 1, d/dtheta = 0
    double[] grad = new double[1];
    double[] dtheta = new double[4];
    double value = c.gradientAtArrays("r.StoreCallReadsArrayGrad", "storeCall",
        new double[] {-1.8, -3.6, 1.2, -1.2}, 1.085, grad, dtheta)[0];
    assertAll(() -> assertEquals(1.085, value, 1e-12), () -> assertEquals(1, grad[0], 1e-12),
        () -> assertEquals(0, dtheta[3], 0));
  }

  // --- 11. Statements after a loop that never completes, in a branch -----------------------

  /**
   * {@code while (true) { return ...; }} in a then branch, {@code return h} after the if, h
   * assigned only in the else branch: javac accepts it (the then branch cannot complete, so h
   * is definitely assigned after the if). The single-exit rewrite moves {@code return h} into
   * the then branch as {@code if (!returned) { out = h; }} after the loop, where h is not
   * definitely assigned: the gradient class does not compile ("variable h might not have been
   * initialized").
   */
  @Test
  void assignedOnlyWhereTheLoopNeverCompletes() {
    CompiledGradients c = compile("ReturnFromWhileTrue", """
        @Differentiable
        static double returnFromWhileTrue(double w) {
          double h;
          if (w > 0) {
            while (true) {
              return w * w;
            }
          } else {
            h = 3 * w;
          }
          return h;
        }
        """);
    assertGradient(c, "ReturnFromWhileTrue", "returnFromWhileTrue", new double[] {4, 4}, 2.0);
    assertGradient(c, "ReturnFromWhileTrue", "returnFromWhileTrue", new double[] {-6, 3}, -2.0);
  }

  /** The same with a do-while whose body always returns. */
  @Test
  void assignedOnlyWhereTheDoWhileAlwaysReturns() {
    CompiledGradients c = compile("ReturnFromDoWhile", """
        @Differentiable
        static double returnFromDoWhile(double w) {
          double h;
          if (w > 0) {
            do {
              return w * w;
            } while (w < 10);
          } else {
            h = 3 * w;
          }
          return h;
        }
        """);
    assertGradient(c, "ReturnFromDoWhile", "returnFromDoWhile", new double[] {4, 4}, 2.0);
    assertGradient(c, "ReturnFromDoWhile", "returnFromDoWhile", new double[] {-6, 3}, -2.0);
  }

  // --- 12. A store of a piecewise-constant value into an array only its length is read of ----

  /**
   * {@code buf[2] = Math.floor(da)}, then only {@code buf.length} is read: the pullback, pruned
   * to what its backward sweep needs, drops the declaration of {@code dbuf} but keeps the
   * backward sweep's {@code dbuf[2] = 0;}: "cannot find symbol: variable dbuf". (With
   * {@code buf[2] = da} the pullback declares dbuf; with {@code return 1.5} it has neither.)
   */
  @Test
  void storeOfPiecewiseConstantIntoArrayOnlyMeasured() {
    CompiledGradients c = compile("FloorStore", """
        @Differentiable
        static double floorStore(double da) {
          double[] buf = new double[4];
          buf[2] = Math.floor(da);
          return buf.length;
        }
        """);
    assertGradient(c, "FloorStore", "floorStore", new double[] {4, 0}, 1.5);
  }

  // --- 13. pow with the int exponent Integer.MIN_VALUE ---------------------------------------

  /**
   * {@code Math.pow(x, n)} with an int n: the rule {@code n * Math.pow(x, n - 1)} computes
   * n - 1 in int arithmetic, which at n = Integer.MIN_VALUE wraps to Integer.MAX_VALUE:
   * d/dx = -2^31 * 3.5^(2^31 - 1) = -infinity instead of -2^31 * 3.5^(-2^31 - 1) = -0.0. Found
   * as {@code pow(x, (int) a)} with a grown past the int range in nested for-each loops (the
   * cast saturates).
   */
  @Test
  void powWithMinimalIntExponent() {
    CompiledGradients c = compile("PowMinInt", """
        @Differentiable
        static double powMinInt(double x, int n) {
          return Math.pow(x, n);
        }
        """);
    assertGradient(c, "PowMinInt", "powMinInt", new double[] {0, -0.0}, 3.5, Integer.MIN_VALUE);
  }

  // --- 14. A row of a local matrix at a Math call's index, passed to a callee ---------------

  /**
   * {@code h(m[Math.abs(k)], 2)}: a row of a local matrix whose index is a {@code Math} call,
   * passed to a differentiable callee, made the processor fail with an internal error
   * (NullPointerException: "position" is null, from {@code Position.id()}): the row was held
   * in a temporary, an alias of the matrix, which the alias check reported without a position.
   * The same with the index {@code k}, {@code 1 + 1} or a literal compiled.
   */
  @Test
  void matrixRowAtMathCallIndexPassedToCallee() {
    CompiledGradients c = compile("RowAtCall", """
        @Differentiable
        static double h(double[] u, double y) {
          return u[0] * y;
        }

        @Differentiable
        static double rowAtCall(double a, int k) {
          double[][] m = new double[3][2];
          m[0][0] = a;
          return h(m[Math.abs(k)], 2);
        }
        """);
    // k = 0: the row m[0] = {a, 0}, so a * 2 = 3 at a = 1.5; d/da = 2
    assertGradient(c, "RowAtCall", "rowAtCall", new double[] {3, 2}, 1.5, 0);
  }
}
