package dev.backprop.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.backprop.processor.diagnostics.Diagnostics.compile;
import static dev.backprop.processor.diagnostics.Diagnostics.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Errors about a method's declaration: modifiers, type parameters, return and parameter types, wrt. */
class SignatureDiagnosticsTest {

  private static final JavaFileObject SIGNATURES = source("p.Signatures", """
      package p;

      import dev.backprop.Differentiable;

      abstract class Signatures {
        double weight = 0.5;

        @Differentiable
        double neuron(double x) {
          return weight * x;
        }

        @Differentiable
        abstract double loss(double prediction);

        @Differentiable
        static <T extends Number> double generic(double x) {
          return x * x;
        }

        @Differentiable
        static double sumAll(double... terms) {
          return 0;
        }

        @Differentiable
        static float halfSquare(double x) {
          return 0;
        }

        @Differentiable
        static int floorOf(double x) {
          return (int) Math.floor(x);
        }

        @Differentiable
        static void update(double x) {
        }

        @Differentiable
        static Object boxed(double x) {
          return x;
        }

        @Differentiable
        static double scale(float factor, double x) {
          return x;
        }

        @Differentiable
        static double labelled(
            String label,
            double x) {
          return x;
        }

        @Differentiable
        static double dot(
            float[] weights,
            double x) {
          return x;
        }

        @Differentiable
        static double fromObject(
            Object value,
            double x) {
          return x;
        }

        @Differentiable(wrt = "z") static double product(double x, double y) {
          return x * y;
        }

        @Differentiable(wrt = "n") static double power(double x, int n) {
          return Math.pow(x, n);
        }

        @Differentiable(wrt = {"x", "y", "x"}) static double twice(double x, double y) {
          return x * y;
        }

        @Differentiable
        static double count(int n, long m) {
          return n * m;
        }

        @Differentiable
        static double fine(double x) {
          return x * x;
        }
      }
      """);

  private static final JavaFileObject INTERFACE = source("p.Loss", """
      package p;

      import dev.backprop.Differentiable;

      interface Loss {
        @Differentiable
        double of(double prediction, double target);

        @Differentiable
        default double halved(double prediction, double target) {
          return of(prediction, target) / 2;
        }

        @Differentiable
        static double squared(double prediction, double target) {
          double e = prediction - target;
          return e * e;
        }
      }
      """);

  private static Compilation signatures() {
    return compile(SIGNATURES).compilation();
  }

  @Test
  void instanceMethod() {
    assertThat(signatures()).failed();
    assertThat(signatures())
        .hadErrorContaining("[backprop:not-static] @Differentiable method must be static")
        .inFile(SIGNATURES).onLineContaining("double neuron(double x)");
    assertThat(signatures())
        .hadErrorContaining("[backprop:instance-member] 'weight' belongs to an instance")
        .inFile(SIGNATURES).onLineContaining("return weight * x;");
  }

  @Test
  void abstractMethod() {
    assertThat(signatures())
        .hadErrorContaining("[backprop:abstract] @Differentiable method needs a body")
        .inFile(SIGNATURES).onLineContaining("abstract double loss(");
  }

  @Test
  void interfaceMethodWithoutBody() {
    Compilation c = compile(INTERFACE).compilation();
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[backprop:abstract] @Differentiable method needs a body")
        .inFile(INTERFACE).onLineContaining("double of(");
  }

  @Test
  void defaultMethodIsNotStatic() {
    Compilation c = compile(INTERFACE).compilation();
    assertThat(c).hadErrorContaining("[backprop:not-static] @Differentiable method must be static")
        .inFile(INTERFACE).onLineContaining("default double halved(");
    assertThat(c).hadErrorContaining("[backprop:instance-member] 'of(...)' belongs to an instance")
        .inFile(INTERFACE).onLineContaining("return of(prediction, target) / 2;");
    assertThat(c).hadErrorCount(3);
  }

  @Test
  void staticInterfaceMethodIsGenerated() {
    String generated = compile(INTERFACE).generatedSource("p.LossGrad");
    assertThat(generated).contains("static double squared(");
    assertThat(generated).doesNotContain("halved");
  }

  @Test
  void genericMethod() {
    assertThat(signatures())
        .hadErrorContaining("[backprop:generic] @Differentiable method must not have type parameters")
        .inFile(SIGNATURES).onLineContaining("double generic(");
  }

  @Test
  void varargsMethod() {
    assertThat(signatures())
        .hadErrorContaining("[backprop:varargs] @Differentiable method must not be varargs")
        .inFile(SIGNATURES).onLineContaining("double... terms");
  }

  @Test
  void floatReturnType() {
    assertThat(signatures())
        .hadErrorContaining("[backprop:return-type] @Differentiable method must return double, not float")
        .inFile(SIGNATURES).onLineContaining("static float halfSquare(");
  }

  @Test
  void intReturnType() {
    assertThat(signatures())
        .hadErrorContaining("[backprop:return-type] @Differentiable method must return double, not int")
        .inFile(SIGNATURES).onLineContaining("static int floorOf(");
  }

  @Test
  void voidReturnType() {
    assertThat(signatures())
        .hadErrorContaining("[backprop:return-type] @Differentiable method must return double, not void")
        .inFile(SIGNATURES).onLineContaining("static void update(");
  }

  @Test
  void objectReturnType() {
    assertThat(signatures())
        .hadErrorContaining(
            "[backprop:return-type] @Differentiable method must return double, not java.lang.Object")
        .inFile(SIGNATURES).onLineContaining("static Object boxed(");
  }

  /** The examples: a record parameter gave 6 errors, a float method 5. */
  private static final JavaFileObject ONE_CAUSE = source("p.OneCause", """
      package p;

      import dev.backprop.Differentiable;

      final class OneCause {
        record Point(double x, double y) {}

        @Differentiable
        static double norm(Point p) {
          double a = p.x() * p.x();
          double b = p.y() * p.y();
          return Math.sqrt(a + b) + p.x();
        }

        @Differentiable
        static float product(float x, float y) {
          float z = x * y;
          float w = z + x;
          return w * 2f;
        }

        @Differentiable
        static double weighted(float[] w, float[] v, double x) {
          return w[0] * v[0] * x;
        }

        @Differentiable
        static double narrowed(double x) {
          float f = (float) x;
          float g = f * f;
          return g + f;
        }
      }
      """);

  @Test
  void oneCauseIsOneError() {
    Diagnostics.Compiled compiled = compile(ONE_CAUSE);
    assertThat(compiled.compilation())
        .hadErrorContaining("[backprop:parameter-type] parameter 'p' has type p.OneCause.Point")
        .inFile(ONE_CAUSE).onLineContaining("static double norm(Point p)");
    assertThat(compiled.compilation())
        .hadErrorContaining("[backprop:return-type] @Differentiable method must return double, "
            + "not float, and take double for its float parameters ('x', 'y'); use double "
            + "(differentiated), or int, long or boolean (constants)")
        .inFile(ONE_CAUSE).onLineContaining("static float product(");
    assertThat(compiled.compilation())
        .hadErrorContaining("[backprop:array] parameters 'w', 'v' have type float[]; the arrays "
            + "supported are")
        .inFile(ONE_CAUSE).onLineContaining("static double weighted(");
    assertThat(compiled.compilation())
        .hadErrorContaining("[backprop:type] values of type float are not supported")
        .inFile(ONE_CAUSE).onLineContaining("float f = (float) x;");
    assertWithMessage(compiled.listing()).that(compiled.compilation().errors()).hasSize(4);
  }

  @Test
  void floatParameter() {
    assertThat(signatures())
        .hadErrorContaining("[backprop:parameter-type] parameter 'factor' has type float; use double")
        .inFile(SIGNATURES).onLineContaining("float factor");
  }

  @Test
  void stringParameter() {
    assertThat(signatures())
        .hadErrorContaining(
            "[backprop:parameter-type] parameter 'label' has type java.lang.String; use double")
        .inFile(SIGNATURES).onLineContaining("String label,");
  }

  @Test
  void arrayParameterOfAnUnsupportedType() {
    // double[], double[][] and int[] parameters are fine: see ArrayDiagnosticsTest
    assertThat(signatures())
        .hadErrorContaining("[backprop:array] parameter 'weights' has type float[]; the arrays "
            + "supported are double[] (differentiated or data), double[][] and int[] (data)")
        .inFile(SIGNATURES).onLineContaining("float[] weights,");
    Diagnostics.Compiled compiled = compile(SIGNATURES);
    assertWithMessage(compiled.listing())
        .that(compiled.errorsBetween(SIGNATURES, "static double dot(", "float[] weights,"))
        .hasSize(1);
  }

  @Test
  void objectParameter() {
    assertThat(signatures())
        .hadErrorContaining(
            "[backprop:parameter-type] parameter 'value' has type java.lang.Object; use double")
        .inFile(SIGNATURES).onLineContaining("Object value,");
  }

  @Test
  void wrtNamesNoParameter() {
    assertThat(signatures())
        .hadErrorContaining("[backprop:wrt-unknown] wrt names 'z', which is not a parameter of "
            + "product; parameters are: x, y")
        .inFile(SIGNATURES).onLineContaining("static double product(");
  }

  @Test
  void wrtNamesAnIntParameter() {
    assertThat(signatures())
        .hadErrorContaining("[backprop:wrt-not-double] wrt names 'n' of type int; only double "
            + "and double[] parameters can be differentiated")
        .inFile(SIGNATURES).onLineContaining("static double power(");
  }

  @Test
  void wrtNamesAParameterTwice() {
    assertThat(signatures())
        .hadErrorContaining("[backprop:wrt-duplicate] wrt names 'x' twice")
        .inFile(SIGNATURES).onLineContaining("static double twice(");
  }

  @Test
  void noDoubleParameter() {
    assertThat(signatures())
        .hadErrorContaining(
            "[backprop:no-wrt] @Differentiable method has no double or double[] parameter to "
                + "differentiate")
        .inFile(SIGNATURES).onLineContaining("static double count(");
  }

  @Test
  void eachSignatureProblemIsReportedOnceAtItsMethod() {
    Diagnostics.Compiled compiled = compile(SIGNATURES);
    assertWithMessage(compiled.listing())
        .that(compiled.errorsBetween(SIGNATURES, "double neuron(", "return weight * x;"))
        .hasSize(2); // not-static, and the instance field it reads
    assertWithMessage(compiled.listing())
        .that(compiled.errorsBetween(SIGNATURES, "static int floorOf(", "(int) Math.floor(x)"))
        .hasSize(1);
    assertWithMessage(compiled.listing())
        .that(compiled.errorsBetween(SIGNATURES, "static void update(", "static void update("))
        .hasSize(1);
    assertWithMessage(compiled.listing())
        .that(compiled.errorsBetween(SIGNATURES, "static Object boxed(", "static Object boxed("))
        .hasSize(1);
    assertWithMessage(compiled.listing())
        .that(compiled.errorsBetween(SIGNATURES, "static double product(", "static double product("))
        .hasSize(1);
    assertWithMessage(compiled.listing())
        .that(compiled.errorsBetween(SIGNATURES, "static double power(", "static double power("))
        .hasSize(1);
    assertWithMessage(compiled.listing())
        .that(compiled.errorsBetween(SIGNATURES, "static double twice(", "static double twice("))
        .hasSize(1);
    assertWithMessage(compiled.listing())
        .that(compiled.errorsBetween(SIGNATURES, "static double count(", "return n * m;"))
        .hasSize(1);
  }

  @Test
  void theGoodMethodIsStillGenerated() {
    String generated = compile(SIGNATURES).generatedSource("p.SignaturesGrad");
    assertThat(generated).contains("static double fine(double x, double[] grad)");
    assertThat(generated).contains("static void finePullback(");
    for (String bad : new String[] {"neuron", "generic", "sumAll", "halfSquare", "floorOf",
        "update", "boxed", "scale", "labelled", "dot", "fromObject", "product", "power",
        "twice", "count"}) {
      assertThat(generated).doesNotContain(" " + bad + "(");
    }
  }
}
