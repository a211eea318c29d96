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
 * Arrays: {@code double[]} parameters differentiated or data, {@code double[][]} and {@code int[]}
 * parameters as data, element reads, lengths, and {@code new double[n]} and {@code new
 * double[n][m]} locals written element by element are fine; other array types, writes into arrays
 * the method did not create, local arrays created in a loop or an if or assigned again, rows of
 * local matrices held in variables or assigned whole, local matrices that carry gradient passed
 * as {@code double[][]}, and other array creations are errors, each at its own line.
 */
class ArrayDiagnosticsTest {

  private static final String WRITE = "' is not supported; only arrays created in this method with "
      + "new double[n] or new double[n][m] can be written, declare one and copy";
  private static final String LOCAL = "[backprop:array] a local array must be created once, before "
      + "any loop or if, with new double[n] or new double[n][m] (or read from a parameter without "
      + "writing it); ";
  private static final String ARRAY = "[backprop:array] only new double[n], new double[n][m] and "
      + "reads of double[], double[][] and int[] elements and lengths are supported";
  private static final String SUPPORTED = "; the arrays supported are double[] (differentiated or "
      + "data), double[][] and int[] (data)";

  private static final JavaFileObject VECTORS = source("p.Vectors", """
      package p;

      import dev.backprop.Differentiable;

      final class Vectors {
        static final long[] STRIDES = {1, 2};
        static final float[] SCALES = {0.5f, 2f};

        @Differentiable
        static double dot(double[] w, double[] v) {
          double s = 0;
          for (int i = 0; i < w.length; i++) {
            s += w[i] * v[i];
          }
          return s;
        }

        @Differentiable(wrt = "w")
        static double weightsOnly(double[] w, double[] v) {
          return w[0] * v[0];
        }

        @Differentiable
        static double gathered(double x, double[] w, int[] idx, double[][] m) {
          double s = 0;
          for (int i = 0; i < idx.length; i++) {
            s += w[idx[i]] * m[i][0] * x;
          }
          return s;
        }

        @Differentiable
        static double hidden(double[] w, int n) {
          double[] h = new double[n];
          for (int i = 0; i < n; i++) {
            h[i] = Math.tanh(w[i]);
            h[i] += w[i];
          }
          double s = 0;
          for (int i = 0; i < h.length; i++) {
            s += h[i] * h[i];
          }
          return s;
        }

        @Differentiable
        static double squared(double x) {
          return x * x;
        }

        @Differentiable
        static double firstSquared(double[] w) {
          return squared(w[0]) + w.length;
        }

        @Differentiable
        static double scaleInPlace(double[] w, double x) {
          w[0] = x;
          return x;
        }

        @Differentiable
        static double shiftInPlace(double[] w, double x) {
          w[1] += x;
          return x;
        }

        @Differentiable
        static double bumpInPlace(double[] w, double x) {
          w[2]++;
          return x;
        }

        @Differentiable
        static double throughAlias(double[] w, double x) {
          double[] alias = w;
          alias[0] = x;
          return x;
        }

        @Differentiable
        static double intoRow(double[][] m, double x) {
          m[0][1] = x;
          return x;
        }

        @Differentiable
        static double throughRow(double[][] m, double x) {
          double[] row = m[0];
          row[0] = x;
          return x;
        }

        @Differentiable
        static double throughLocalAlias(double x) {
          double[] h = new double[2];
          double[] same = h;
          same[0] = x;
          return h[0];
        }

        @Differentiable
        static double createdInLoop(double x, int n) {
          double s = 0;
          for (int i = 0; i < n; i++) {
            double[] tmp = new double[2];
            tmp[0] = x;
            s += tmp[0];
          }
          return s;
        }

        @Differentiable
        static double createdInIf(double x) {
          if (x > 0) {
            double[] pos = new double[1];
            pos[0] = x;
            return pos[0];
          }
          return x;
        }

        @Differentiable
        static double recreated(double x) {
          double[] buf = new double[3];
          buf = new double[4];
          buf[0] = x;
          return buf[0];
        }

        @Differentiable
        static double createdLater(double x) {
          double[] late;
          late = new double[3];
          return x;
        }

        @Differentiable
        static double matrixLocal(double x, int n) {
          double[][] grid = new double[n][2];
          for (int i = 0; i < n; i++) {
            grid[i][0] = x * i;
            grid[i][1] += grid[i][0] * x;
          }
          return grid.length > 0 ? grid[n - 1][1] + grid[0].length : x;
        }

        @Differentiable
        static double jagged(double x) {
          double[][] rows = new double[2][];
          return x;
        }

        @Differentiable
        static double heldRow(double x) {
          double[][] grid = new double[2][2];
          grid[0][0] = x;
          double[] first = grid[0];
          return first[0];
        }

        @Differentiable
        static double rowsOfALocalMatrix(double x) {
          double[][] cells = new double[2][2];
          cells[1][1] = x;
          double s = 0;
          for (double[] cellRow : cells) {
            s += cellRow[1];
          }
          return s;
        }

        @Differentiable
        static double matrixInLoop(double x, int n) {
          double s = 0;
          for (int i = 0; i < n; i++) {
            double[][] tile = new double[2][2];
            tile[0][0] = x;
            s += tile[0][0];
          }
          return s;
        }

        @Differentiable
        static double wholeRow(double x, double[] v) {
          double[][] grid = new double[2][2];
          grid[0] = v;
          return x;
        }

        @Differentiable
        static double passesAnActiveMatrix(double x, double[] w, int[] idx) {
          double[][] scaled = new double[2][2];
          scaled[0][0] = x;
          return gathered(x, w, idx, scaled);
        }

        @Differentiable
        static double intLocal(double x) {
          int[] counts = new int[3];
          return x;
        }

        @Differentiable
        static double callsDot(double[] w) {
          return dot(w, w);
        }

        @Differentiable
        static double callsGathered(double x, double[] w, int[] idx, double[][] m) {
          return gathered(x, w, idx, m);
        }

        @Differentiable
        static double strided(double x) {
          return x * STRIDES[0];
        }

        @Differentiable
        static double scaledByFloat(double x) {
          return x * SCALES[1];
        }

        @Differentiable
        static double unsupportedArrays(
            float[] f,
            long[] l,
            double[][][] cube,
            boolean[] flags,
            Double[] boxed,
            double x) {
          return x;
        }

        @Differentiable(wrt = "picks")
        static double wrtIndices(
            double x,
            int[] picks) {
          return x;
        }

        @Differentiable(wrt = "table")
        static double wrtMatrix(
            double x,
            double[][] table) {
          return x * table[0][0];
        }

        @Differentiable
        static double onlyData(int[] idx, double[][] m) {
          return m[idx[0]][0];
        }
      }
      """);

  private static Compilation vectors() {
    return compile(VECTORS).compilation();
  }

  private static void assertErrorCount(int count, String firstLine, String lastLine) {
    Diagnostics.Compiled compiled = compile(VECTORS);
    assertWithMessage("errors between '%s' and '%s'; all diagnostics:\n%s",
        firstLine, lastLine, compiled.listing())
        .that(compiled.errorsBetween(VECTORS, firstLine, lastLine)).hasSize(count);
  }

  // --- accepted -------------------------------------------------------------------------------

  @Test
  void arrayParametersElementsLengthsAndLocalArraysAreFine() {
    assertErrorCount(0, "static double dot(", "return squared(w[0]) + w.length;");
    String generated = compile(VECTORS).generatedSource("p.VectorsGrad");
    // a double[] is differentiated into an adjoint array of its own, unless wrt leaves it out
    assertThat(generated).contains(
        "static double dot(double[] w, double[] v, double[] dw, double[] dv)");
    assertThat(generated).contains("static double weightsOnly(double[] w, double[] v, double[] dw)");
    // int[] and double[][] are data
    assertThat(generated).contains(
        "static double gathered(double x, double[] w, int[] idx, double[][] m, double[] grad,");
    assertThat(generated).contains("static double hidden(double[] w, int n, double[] dw)");
    // an element is a double like any other, also as the argument of a differentiable call
    assertThat(generated).contains("static double firstSquared(double[] w, double[] dw)");
  }

  @Test
  void localMatrixIsFine() {
    assertErrorCount(0, "static double matrixLocal(", "return grid.length > 0 ? grid[n - 1][1]");
    String generated = compile(VECTORS).generatedSource("p.VectorsGrad");
    assertThat(generated).contains("static double matrixLocal(double x, int n, double[] grad)");
    assertThat(generated).contains("double[][] grid = tape.zeros(n, 2);");
  }

  @Test
  void onlyTheGoodMethodsAreGenerated() {
    String generated = compile(VECTORS).generatedSource("p.VectorsGrad");
    for (String bad : new String[] {"scaleInPlace", "shiftInPlace", "bumpInPlace", "throughAlias",
        "intoRow", "throughRow", "throughLocalAlias", "createdInLoop", "createdInIf", "recreated",
        "createdLater", "jagged", "heldRow", "rowsOfALocalMatrix", "matrixInLoop", "wholeRow",
        "passesAnActiveMatrix", "intLocal", "strided",
        "scaledByFloat", "unsupportedArrays", "wrtIndices", "wrtMatrix", "onlyData"}) {
      assertThat(generated).doesNotContain(" " + bad + "(");
    }
  }

  // --- writes ---------------------------------------------------------------------------------

  @Test
  void writeIntoAParameter() {
    assertThat(vectors()).failed();
    assertThat(vectors()).hadErrorContaining("[backprop:array-write] writing into 'w" + WRITE)
        .inFile(VECTORS).onLineContaining(" w[0] = x;");
    assertErrorCount(1, "static double scaleInPlace(", " w[0] = x;");
  }

  @Test
  void compoundWriteIntoAParameter() {
    assertThat(vectors()).hadErrorContaining("[backprop:array-write] writing into 'w" + WRITE)
        .inFile(VECTORS).onLineContaining("w[1] += x;");
    assertErrorCount(1, "static double shiftInPlace(", "w[1] += x;");
  }

  @Test
  void incrementOfAParameterElement() {
    assertThat(vectors()).hadErrorContaining("[backprop:array-write] writing into 'w" + WRITE)
        .inFile(VECTORS).onLineContaining("w[2]++;");
    assertErrorCount(1, "static double bumpInPlace(", "w[2]++;");
  }

  @Test
  void writeThroughAnAliasOfAParameter() {
    assertThat(vectors()).hadErrorContaining("[backprop:array-write] writing into 'alias" + WRITE)
        .inFile(VECTORS).onLineContaining("alias[0] = x;");
    // the alias itself is fine
    assertErrorCount(1, "static double throughAlias(", "alias[0] = x;");
  }

  @Test
  void writeIntoARowOfAMatrixParameter() {
    assertThat(vectors()).hadErrorContaining("[backprop:array-write] writing into 'm" + WRITE)
        .inFile(VECTORS).onLineContaining("m[0][1] = x;");
    assertErrorCount(1, "static double intoRow(", "m[0][1] = x;");
  }

  @Test
  void writeThroughARowOfAMatrixParameter() {
    assertThat(vectors()).hadErrorContaining("[backprop:array-write] writing into 'row" + WRITE)
        .inFile(VECTORS).onLineContaining("row[0] = x;");
    assertErrorCount(1, "static double throughRow(", "row[0] = x;");
  }

  @Test
  void writeThroughAnAliasOfALocalArray() {
    assertThat(vectors()).hadErrorContaining("[backprop:array-write] writing into 'same" + WRITE)
        .inFile(VECTORS).onLineContaining("same[0] = x;");
    assertErrorCount(1, "static double throughLocalAlias(", "same[0] = x;");
  }

  // --- local arrays ---------------------------------------------------------------------------

  @Test
  void localArrayCreatedInALoop() {
    assertThat(vectors()).hadErrorContaining(LOCAL + "move it to the top of the method")
        .inFile(VECTORS).onLineContaining("double[] tmp = new double[2];");
    // its writes are not reported on top
    assertErrorCount(1, "static double createdInLoop(", "s += tmp[0];");
  }

  @Test
  void localArrayCreatedInAnIf() {
    // what follows the ';' names the loop even here (see the report)
    assertThat(vectors()).hadErrorContaining(LOCAL)
        .inFile(VECTORS).onLineContaining("double[] pos = new double[1];");
    assertErrorCount(1, "static double createdInIf(", "return pos[0];");
  }

  @Test
  void localArrayAssignedAgain() {
    assertThat(vectors())
        .hadErrorContaining(LOCAL + "assign its elements, not the array variable")
        .inFile(VECTORS).onLineContaining("buf = new double[4];");
    assertErrorCount(1, "static double recreated(", "return buf[0];");
  }

  @Test
  void localArrayDeclaredThenCreated() {
    assertThat(vectors())
        .hadErrorContaining(LOCAL + "assign its elements, not the array variable")
        .inFile(VECTORS).onLineContaining("late = new double[3];");
    assertErrorCount(1, "static double createdLater(", "late = new double[3];");
  }

  @Test
  void jaggedMatrix() {
    assertThat(vectors()).hadErrorContaining(ARRAY)
        .inFile(VECTORS).onLineContaining("double[][] rows = new double[2][];");
    assertErrorCount(1, "static double jagged(", "double[][] rows = new double[2][];");
  }

  @Test
  void rowOfALocalMatrixHeldInAVariable() {
    assertThat(vectors()).hadErrorContaining("[backprop:array] 'first' would hold a row of the "
        + "local array 'grid'; index that array directly, grid[i][j]")
        .inFile(VECTORS).onLineContaining("double[] first = grid[0];");
    assertErrorCount(1, "static double heldRow(", "return first[0];");
  }

  @Test
  void forEachOverTheRowsOfALocalMatrix() {
    assertThat(vectors()).hadErrorContaining("[backprop:array] 'cellRow' would hold a row of the "
        + "local array 'cells'; index that array directly, cells[i][j]")
        .inFile(VECTORS).onLineContaining("for (double[] cellRow : cells) {");
    assertErrorCount(1, "static double rowsOfALocalMatrix(", "s += cellRow[1];");
  }

  @Test
  void localMatrixCreatedInALoop() {
    assertThat(vectors()).hadErrorContaining(LOCAL + "move it to the top of the method")
        .inFile(VECTORS).onLineContaining("double[][] tile = new double[2][2];");
    assertErrorCount(1, "static double matrixInLoop(", "s += tile[0][0];");
  }

  @Test
  void wholeRowOfALocalMatrixAssigned() {
    assertThat(vectors()).hadErrorContaining("[backprop:array-write] assigning a whole row of "
        + "'grid' is not supported; write its elements, grid[i][j] = ...")
        .inFile(VECTORS).onLineContaining("grid[0] = v;");
    assertErrorCount(1, "static double wholeRow(", "grid[0] = v;");
  }

  @Test
  void localMatrixThatCarriesGradientPassedAsDoubleMatrix() {
    assertThat(vectors()).hadErrorContaining("[backprop:callee-wrt] argument 'scaled' of gathered "
        + "is a double[][] that carries gradient, but double[][] parameters are data; pass its "
        + "rows to double[] parameters instead")
        .inFile(VECTORS).onLineContaining("return gathered(x, w, idx, scaled);");
    assertErrorCount(1, "static double passesAnActiveMatrix(", "return gathered(x, w, idx, scaled);");
  }

  @Test
  void newIntArray() {
    assertThat(vectors()).hadErrorContaining(ARRAY)
        .inFile(VECTORS).onLineContaining("int[] counts = new int[3];");
    assertErrorCount(1, "static double intLocal(", "int[] counts = new int[3];");
  }

  // --- calls ----------------------------------------------------------------------------------

  @Test
  void callPassingADoubleArrayIsAccepted() {
    assertErrorCount(0, "static double callsDot(", "return dot(w, w);");
    // both of the callee's array partials reach the caller's one adjoint array: the second
    // through a zeroed array of its own, since the callee's gradient arrays must be distinct
    String generated = compile(VECTORS).generatedSource("p.VectorsGrad");
    assertThat(generated).contains("VectorsGrad.dotPullback(w, w, dout, dw, ddot1);");
    assertThat(generated).contains("dw[j] += ddot1[j];");
  }

  @Test
  void callPassingDataArraysIsAccepted() {
    assertErrorCount(0, "static double callsGathered(", "return gathered(x, w, idx, m);");
    assertThat(compile(VECTORS).generatedSource("p.VectorsGrad"))
        .contains("static double callsGathered(double x, double[] w, int[] idx, double[][] m,");
  }

  // --- element types --------------------------------------------------------------------------

  @Test
  void elementOfALongArray() {
    assertThat(vectors()).hadErrorContaining("[backprop:type] values of type long[] are not "
        + "supported; use double (differentiated), or int, long or boolean (constants)")
        .inFile(VECTORS).onLineContaining("x * STRIDES[0]");
  }

  @Test
  void elementOfAFloatArray() {
    assertThat(vectors()).hadErrorContaining("[backprop:type] values of type float[] are not "
        + "supported")
        .inFile(VECTORS).onLineContaining("x * SCALES[1]");
  }

  // --- signatures -----------------------------------------------------------------------------

  @Test
  void parametersOfUnsupportedArrayTypes() {
    assertThat(vectors()).hadErrorContaining("[backprop:array] parameter 'f' has type float[]"
        + SUPPORTED).inFile(VECTORS).onLineContaining("float[] f,");
    assertThat(vectors()).hadErrorContaining("[backprop:array] parameter 'l' has type long[]"
        + SUPPORTED).inFile(VECTORS).onLineContaining("long[] l,");
    assertThat(vectors()).hadErrorContaining("[backprop:array] parameter 'cube' has type "
        + "double[][][]" + SUPPORTED).inFile(VECTORS).onLineContaining("double[][][] cube,");
    assertThat(vectors()).hadErrorContaining("[backprop:array] parameter 'flags' has type "
        + "boolean[]" + SUPPORTED).inFile(VECTORS).onLineContaining("boolean[] flags,");
    assertThat(vectors()).hadErrorContaining("[backprop:array] parameter 'boxed' has type "
        + "java.lang.Double[]" + SUPPORTED).inFile(VECTORS).onLineContaining("Double[] boxed,");
    assertErrorCount(5, "static double unsupportedArrays(", "Double[] boxed,");
  }

  @Test
  void wrtNamesAnIntArray() {
    assertThat(vectors()).hadErrorContaining("[backprop:wrt-not-double] wrt names 'picks' of type "
        + "int[]; only double and double[] parameters can be differentiated")
        .inFile(VECTORS).onLineContaining("int[] picks) {");
    assertErrorCount(1, "static double wrtIndices(", "int[] picks) {");
  }

  @Test
  void wrtNamesAMatrix() {
    assertThat(vectors()).hadErrorContaining("[backprop:wrt-not-double] wrt names 'table' of type "
        + "double[][]; only double and double[] parameters can be differentiated")
        .inFile(VECTORS).onLineContaining("double[][] table) {");
    assertErrorCount(1, "static double wrtMatrix(", "return x * table[0][0];");
  }

  @Test
  void onlyDataArrays() {
    assertThat(vectors()).hadErrorContaining("[backprop:no-wrt] @Differentiable method has no "
        + "double or double[] parameter to differentiate")
        .inFile(VECTORS).onLineContaining("static double onlyData(int[] idx, double[][] m) {");
    assertErrorCount(1, "static double onlyData(", "return m[idx[0]][0];");
  }

  @Test
  void everyArrayProblemIsReportedAndNothingElse() {
    // 8 writes, 5 local arrays, 2 row aliases, 2 creations, 2 element types, 5 parameters,
    // 2 wrt, 1 no-wrt, 1 matrix argument
    assertThat(vectors()).hadErrorCount(28);
  }
}
