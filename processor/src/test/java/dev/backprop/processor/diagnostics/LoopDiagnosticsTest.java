package dev.backprop.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.backprop.processor.diagnostics.Diagnostics.compile;
import static dev.backprop.processor.diagnostics.Diagnostics.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Counted for loops, {@code for (int i = a; i < b; i++)} (or {@code i <= b}, {@code ++i},
 * {@code i += 1}) with i, a and b left alone by the body, are fine; any other for loop is an error
 * at the loop, and so are break, continue and return inside a loop, each at its statement. While,
 * do and for-each loops: StatementDiagnosticsTest.
 */
class LoopDiagnosticsTest {

  private static final String NOT_COUNTED = "[backprop:loop] this for loop is not a counted loop; "
      + "write it as for (int i = a; i < b; i++) (or i <= b), with i, a and b not assigned in the "
      + "body";
  private static final String BREAK = "[backprop:break] break and continue are not supported yet; "
      + "use an if around the rest of the body";
  private static final String RETURN = "[backprop:loop] return inside a loop is not supported yet; "
      + "keep the result in a local and return after the loop";

  private static final JavaFileObject LOOPS = source("p.Loops", """
      package p;

      import dev.backprop.Differentiable;

      final class Loops {
        @Differentiable
        static double power(double x, int n) {
          double y = 1;
          for (int i = 0; i < n; i++) {
            y = y * x;
          }
          return y;
        }

        @Differentiable
        static double powerInclusive(double x, int n) {
          double y = 1;
          for (int i = 1; i <= n; ++i) {
            y = y * x;
          }
          return y;
        }

        @Differentiable
        static double powerByOnes(double x, int n) {
          double y = 1;
          for (int i = 0; i < n; i += 1) {
            y = y * x;
          }
          return y;
        }

        @Differentiable
        static double grid(double x, int rows, int cols) {
          double s = 0;
          for (int r = 0; r < rows; r++) {
            for (int c = r; c < cols; c++) {
              s += x * (r + c);
            }
          }
          return s;
        }

        @Differentiable
        static double countdown(double x, int down) {
          double y = 1;
          for (int i = down; i > 0; i--) {
            y = y * x;
          }
          return y;
        }

        @Differentiable
        static double twoCounters(double x, int pairs) {
          double y = 1;
          for (int i = 0, j = 0; i < pairs; i++) {
            y = y * x;
          }
          return y;
        }

        @Differentiable
        static double forever(double x) {
          double y = x;
          for (;;) {
            y = y * x;
          }
        }

        @Differentiable
        static double counterFromOutside(double x, int outer) {
          double y = 1;
          int k;
          for (k = 0; k < outer; k++) {
            y = y * x;
          }
          return y;
        }

        @Differentiable
        static double longCounter(double x, long times) {
          double y = 1;
          for (long i = 0; i < times; i++) {
            y = y * x;
          }
          return y;
        }

        @Differentiable
        static double boundFirst(double x, int first) {
          double y = 1;
          for (int i = 0; first > i; i++) {
            y = y * x;
          }
          return y;
        }

        @Differentiable
        static double computedBound(double x, int cap) {
          double y = 1;
          for (int i = 0; i < Math.min(cap, 3); i++) {
            y = y * x;
          }
          return y;
        }

        @Differentiable
        static double skipsAhead(double x, int skip) {
          double y = 1;
          for (int i = 0; i < skip; i++) {
            y = y * x;
            i += 1;
          }
          return y;
        }

        @Differentiable
        static double shrinking(double x, int steps) {
          double y = 1;
          for (int i = 0; i < steps; i++) {
            y = y * x;
            steps--;
          }
          return y;
        }

        @Differentiable
        static double movingStart(double x, int until) {
          double y = 1;
          int start = 0;
          for (int i = start; i < until; i++) {
            y = y * x;
            start = i;
          }
          return y;
        }

        @Differentiable
        static double capped(double x, int most) {
          double y = 1;
          for (int i = 0; i < most; i++) {
            if (y > 100) {
              break;
            }
            y = y * x;
          }
          return y;
        }

        @Differentiable
        static double triangle(double x, int size) {
          double y = 1;
          rows:
          for (int r = 0; r < size; r++) {
            for (int c = 0; c < r; c++) {
              y = y * x;
              continue rows;
            }
          }
          return y;
        }

        @Differentiable
        static double firstLarge(double x, int tries) {
          double y = 1;
          for (int i = 0; i < tries; i++) {
            y = y * x;
            if (y > 100) {
              return -y;
            }
          }
          return y;
        }

        @Differentiable
        static double nestedReturn(double x, int depth) {
          double s = 0;
          for (int a = 0; a < depth; a++) {
            for (int b = 0; b < a; b++) {
              s += x;
              return s * 2;
            }
          }
          return s;
        }
      }
      """);

  private static Compilation loops() {
    return compile(LOOPS).compilation();
  }

  private static void assertErrorCount(int count, String firstLine, String lastLine) {
    Diagnostics.Compiled compiled = compile(LOOPS);
    assertWithMessage("errors between '%s' and '%s'; all diagnostics:\n%s",
        firstLine, lastLine, compiled.listing())
        .that(compiled.errorsBetween(LOOPS, firstLine, lastLine)).hasSize(count);
  }

  // --- counted loops --------------------------------------------------------------------------

  @Test
  void countedLoopsAreFine() {
    assertErrorCount(0, "static double power(", "s += x * (r + c);");
    String generated = compile(LOOPS).generatedSource("p.LoopsGrad");
    assertThat(generated).contains("static double power(double x, int n, double[] grad)");
    assertThat(generated).contains("static double powerInclusive(double x, int n, double[] grad)");
    assertThat(generated).contains("static double powerByOnes(double x, int n, double[] grad)");
    assertThat(generated).contains(
        "static double grid(double x, int rows, int cols, double[] grad)");
  }

  @Test
  void onlyTheCountedLoopsAreGenerated() {
    String generated = compile(LOOPS).generatedSource("p.LoopsGrad");
    for (String bad : new String[] {"countdown", "twoCounters", "forever", "counterFromOutside",
        "longCounter", "boundFirst", "computedBound", "skipsAhead", "shrinking", "movingStart",
        "capped", "triangle", "firstLarge", "nestedReturn"}) {
      assertThat(generated).doesNotContain(" " + bad + "(");
    }
  }

  // --- for loops that are not counted ---------------------------------------------------------

  @Test
  void countingDown() {
    assertThat(loops()).failed();
    assertThat(loops()).hadErrorContaining(NOT_COUNTED)
        .inFile(LOOPS).onLineContaining("for (int i = down; i > 0; i--) {");
    assertErrorCount(1, "static double countdown(", "for (int i = down; i > 0; i--) {");
  }

  @Test
  void twoCounters() {
    assertThat(loops()).hadErrorContaining(NOT_COUNTED)
        .inFile(LOOPS).onLineContaining("for (int i = 0, j = 0; i < pairs; i++) {");
    assertErrorCount(1, "static double twoCounters(", "for (int i = 0, j = 0; i < pairs; i++) {");
  }

  @Test
  void noCondition() {
    assertThat(loops()).hadErrorContaining(NOT_COUNTED)
        .inFile(LOOPS).onLineContaining("for (;;) {");
    assertErrorCount(1, "static double forever(", "for (;;) {");
  }

  @Test
  void counterDeclaredOutsideTheLoop() {
    assertThat(loops()).hadErrorContaining(NOT_COUNTED)
        .inFile(LOOPS).onLineContaining("for (k = 0; k < outer; k++) {");
    assertErrorCount(1, "static double counterFromOutside(", "for (k = 0; k < outer; k++) {");
  }

  @Test
  void longCounter() {
    assertThat(loops()).hadErrorContaining(NOT_COUNTED)
        .inFile(LOOPS).onLineContaining("for (long i = 0; i < times; i++) {");
    assertErrorCount(1, "static double longCounter(", "for (long i = 0; i < times; i++) {");
  }

  @Test
  void boundOnTheLeft() {
    assertThat(loops()).hadErrorContaining(NOT_COUNTED)
        .inFile(LOOPS).onLineContaining("for (int i = 0; first > i; i++) {");
    assertErrorCount(1, "static double boundFirst(", "for (int i = 0; first > i; i++) {");
  }

  @Test
  void boundWithACall() {
    assertThat(loops()).hadErrorContaining(NOT_COUNTED)
        .inFile(LOOPS).onLineContaining("for (int i = 0; i < Math.min(cap, 3); i++) {");
    assertErrorCount(1, "static double computedBound(", "i < Math.min(cap, 3)");
  }

  @Test
  void bodyAssignsTheCounter() {
    assertThat(loops()).hadErrorContaining(NOT_COUNTED)
        .inFile(LOOPS).onLineContaining("for (int i = 0; i < skip; i++) {");
    // the loop, not the assignment
    assertErrorCount(1, "static double skipsAhead(", "i += 1;");
  }

  @Test
  void bodyAssignsTheBound() {
    assertThat(loops()).hadErrorContaining(NOT_COUNTED)
        .inFile(LOOPS).onLineContaining("for (int i = 0; i < steps; i++) {");
    assertErrorCount(1, "static double shrinking(", "steps--;");
  }

  @Test
  void bodyAssignsTheStart() {
    assertThat(loops()).hadErrorContaining(NOT_COUNTED)
        .inFile(LOOPS).onLineContaining("for (int i = start; i < until; i++) {");
    assertErrorCount(1, "static double movingStart(", "start = i;");
  }

  // --- leaving a loop early -------------------------------------------------------------------

  @Test
  void breakInACountedLoop() {
    assertThat(loops()).hadErrorContaining(BREAK).inFile(LOOPS).onLineContaining("break;");
    // the loop itself is fine
    assertErrorCount(1, "static double capped(", "break;");
  }

  @Test
  void labelledContinue() {
    assertThat(loops()).hadErrorContaining(BREAK)
        .inFile(LOOPS).onLineContaining("continue rows;");
    assertErrorCount(1, "static double triangle(", "continue rows;");
  }

  @Test
  void returnInsideALoop() {
    assertThat(loops()).hadErrorContaining(RETURN)
        .inFile(LOOPS).onLineContaining("return -y;");
    assertErrorCount(1, "static double firstLarge(", "return -y;");
  }

  @Test
  void returnInsideANestedLoopIsReportedOnce() {
    assertThat(loops()).hadErrorContaining(RETURN)
        .inFile(LOOPS).onLineContaining("return s * 2;");
    assertErrorCount(1, "static double nestedReturn(", "return s * 2;");
  }

  @Test
  void everyLoopProblemIsReportedAndNothingElse() {
    // one error per method from countdown on; none for the four counted loops before it
    assertThat(loops()).hadErrorCount(14);
  }
}
