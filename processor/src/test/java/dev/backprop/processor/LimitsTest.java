package dev.backprop.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.backprop.processor.testing.ArrayGradients;
import dev.backprop.processor.testing.CompiledGradients;
import java.util.ArrayList;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Methods at the limits of what javac and the JVM take: expressions thousands of nodes deep are
 * differentiated (the processor runs on a deep stack), statements nested deeper than the
 * gradient class can be, and signatures whose gradient would pass the JVM's 255 parameter
 * slots, are refused at their position; none crashes javac.
 */
class LimitsTest {

  /** The deepest nesting of loops and ifs differentiated, as documented. */
  private static final int MAX_NESTING = 256;

  private static final String HEADER = "package t;\nimport dev.backprop.Differentiable;\n";

  @Test
  void aThousandTermSumIsDifferentiated() {
    StringBuilder sum = new StringBuilder("Math.sin(x)");
    for (int i = 1; i < 1000; i++) {
      sum.append(" + Math.sin(x * ").append(i % 7).append(") * 0.001");
    }
    CompiledGradients compiled = CompiledGradients.compile("t.Sum", HEADER
        + "final class Sum {\n  @Differentiable static double f(double x) {\n    return "
        + sum + ";\n  }\n}\n");
    for (double x : new double[] {-1.3, 0.2, 2.5}) {
      compiled.checkAt("t.Sum", "t.SumGrad", "f", x);
    }
  }

  @Test
  void fiveHundredNestedParenthesesAreDifferentiated() {
    String e = "x";
    for (int i = 0; i < 500; i++) {
      e = "(x * " + e + " * 0.5 + 1)";
    }
    String source = HEADER
        + "final class Deep {\n  @Differentiable static double f(double x) {\n    return "
        + e + ";\n  }\n}\n";
    // javac's own attribution of the source takes about 1 MB of stack for 500 parentheses
    // before the JIT compiles it, the default stack of a thread: on a bigger one, as with
    // -J-Xss8m, the depth that counts is the processor's
    CompiledGradients[] result = new CompiledGradients[1];
    Throwable[] failure = new Throwable[1];
    Thread thread = new Thread(null, () -> {
      try {
        result[0] = CompiledGradients.compile("t.Deep", source);
      } catch (Throwable t) {
        failure[0] = t;
      }
    }, "javac", 8L << 20);
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException interrupted) {
      throw new AssertionError(interrupted);
    }
    if (failure[0] != null) {
      throw new AssertionError(failure[0]);
    }
    CompiledGradients compiled = result[0];
    for (double x : new double[] {-0.7, 0.4, 1.3}) {
      compiled.checkAt("t.Deep", "t.DeepGrad", "f", x);
    }
  }

  /** {@code levels} ifs, one in the other, each on its own line. */
  private static String nestedIfs(String name, int levels) {
    StringBuilder s = new StringBuilder(HEADER + "final class " + name + " {\n"
        + "  @Differentiable static double f(double x) {\n    double s = 1;\n");
    for (int i = 0; i < levels; i++) {
      s.append("if (x > -").append(i).append(") { s = s * x + 0.5;\n");
    }
    s.append("s = Math.sin(s);\n");
    s.append("}\n".repeat(levels));
    return s.append("    return s;\n  }\n}\n").toString();
  }

  @Test
  void statementsNestedTheMostAllowedAreDifferentiated() {
    int levels = MAX_NESTING;
    CompiledGradients compiled =
        CompiledGradients.compile("t.Nested", nestedIfs("Nested", levels));
    compiled.checkAt("t.Nested", "t.NestedGrad", "f", 0.9);
    compiled.checkAt("t.Nested", "t.NestedGrad", "f", -3.5);
  }

  @Test
  void statementsNestedDeeperAreRefusedWhereTheyPassTheLimit() {
    int levels = MAX_NESTING + 1;
    JavaFileObject source =
        JavaFileObjects.forSourceString("t.TooDeep", nestedIfs("TooDeep", levels + 50));
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorContaining("[backprop:nesting] loops and ifs nest more than "
            + MAX_NESTING + " deep here (each else-if counts)")
        .inFile(source).onLineContaining("if (x > -" + (levels - 1) + ") {");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void aLongElseIfChainCountsAsNesting() {
    StringBuilder s = new StringBuilder(HEADER + "final class Chain {\n"
        + "  @Differentiable static double f(double x) {\n    double s;\n");
    int branches = MAX_NESTING + 10;
    for (int i = 0; i < branches; i++) {
      s.append(i == 0 ? "" : "else ").append("if (x < ").append(i).append(") { s = x * ")
          .append(i).append("; }\n");
    }
    s.append("else { s = x; }\n    return s;\n  }\n}\n");
    JavaFileObject source = JavaFileObjects.forSourceString("t.Chain", s.toString());
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorContaining("[backprop:nesting]")
        .inFile(source).onLineContaining("else if (x < " + MAX_NESTING + ")");
    assertThat(compilation).hadErrorCount(1);
  }

  /** A method of {@code count} parameters of {@code type} that sums their first elements. */
  private static String manyParameters(String name, int count, String type) {
    List<String> parameters = new ArrayList<>();
    List<String> terms = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      parameters.add(type + " p" + i);
      String read = type.equals("double") ? "p" + i : "p" + i + "[0]";
      terms.add(read + " * " + read);
    }
    return HEADER + "final class " + name + " {\n  @Differentiable\n  static double f("
        + String.join(", ", parameters) + ") {\n    return " + String.join(" + ", terms)
        + ";\n  }\n}\n";
  }

  @Test
  void theMostDoubleParametersTheJvmTakesAreDifferentiated() {
    // 126 doubles (252 slots), the seed (2) and grad (1): 255
    CompiledGradients compiled =
        CompiledGradients.compile("t.Wide", manyParameters("Wide", 126, "double"));
    Object[] args = new Object[126];
    for (int i = 0; i < args.length; i++) {
      args[i] = 0.1 * i - 3;
    }
    compiled.checkAt("t.Wide", "t.WideGrad", "f", args);
  }

  @Test
  void oneDoubleMoreIsRefusedOnTheMethod() {
    JavaFileObject source =
        JavaFileObjects.forSourceString("t.TooWide", manyParameters("TooWide", 127, "double"));
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorContaining("[backprop:parameters] the gradient's fPullback"
            + " would take 257 parameter slots (a double or long takes two; the seed and gradient"
            + " arrays are added), more than the JVM's 255: pass the values in a double[]"
            + " instead")
        .inFile(source).onLineContaining("static double f(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void arraysCountTheirGradientArraysToo() {
    // 126 arrays and their 126 gradient arrays, and the seed: 254
    CompiledGradients compiled =
        CompiledGradients.compile("t.Arrays", manyParameters("Arrays", 126, "double[]"));
    Object[] args = new Object[126];
    int[] arrays = new int[126];
    for (int i = 0; i < args.length; i++) {
      args[i] = new double[] {0.1 * i - 3};
      arrays[i] = i;
    }
    new ArrayGradients(compiled, "t.Arrays", "t.ArraysGrad", "f", args, new int[0], arrays)
        .check();
    JavaFileObject source = JavaFileObjects.forSourceString("t.TooManyArrays",
        manyParameters("TooManyArrays", 128, "double[]"));
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorContaining("would take 258 parameter slots")
        .inFile(source).onLineContaining("static double f(");
    assertThat(compilation).hadErrorCount(1);
  }

  private static Compilation compile(JavaFileObject source) {
    Compilation compilation = javac().withProcessors(new DifferentiableProcessor())
        .withOptions("--release", "17").compile(source);
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      assertThat(d.getMessage(null)).doesNotContain("[backprop:internal]");
    }
    return compilation;
  }
}
