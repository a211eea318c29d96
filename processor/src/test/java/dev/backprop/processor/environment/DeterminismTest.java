package dev.backprop.processor.environment;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static dev.backprop.processor.environment.Fixtures.assertCleanSuccess;
import static dev.backprop.processor.environment.Fixtures.bytes;
import static dev.backprop.processor.environment.Fixtures.compile;
import static dev.backprop.processor.environment.Fixtures.generatedSource;
import static dev.backprop.processor.environment.Fixtures.source;

import com.google.testing.compile.Compilation;
import dev.backprop.processor.DifferentiableProcessor;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Same input, same bytes; and the generated methods follow the source's order. */
class DeterminismTest {

  // Declared c, a, b; a calls b (declared after it) and c; the annotations differ in form.
  static final JavaFileObject ORDERED = source("p.Ordered", """
      package p;

      import dev.backprop.Differentiable;

      final class Ordered {
        private Ordered() {}

        @Differentiable(wrt = "x")
        static double c(double x, double k) { return k * Math.sin(x); }

        @dev.backprop.Differentiable
        static double a(double x, double y) { return b(x) * c(y, 2) + y; }

        @Differentiable(wrt = {})
        static double b(double x) { return Math.exp(x) / (1 + x * x); }
      }
      """);

  static final JavaFileObject OTHER = source("p.Other", """
      package p;

      import dev.backprop.Differentiable;

      final class Other {
        private Other() {}

        @Differentiable static double z(double x) { return Ordered.b(x) * x; }

        @Differentiable static double y(double x) { return Ordered.c(x, 3) - x; }
      }
      """);

  private static Map<String, byte[]> generated(Compilation compilation) {
    assertCleanSuccess(compilation);
    Map<String, byte[]> files = new TreeMap<>();
    for (JavaFileObject file : compilation.generatedSourceFiles()) {
      files.put(file.toUri().getPath(), bytes(file));
    }
    assertThat(files).isNotEmpty();
    return files;
  }

  private static void assertSameBytes(Map<String, byte[]> expected, Map<String, byte[]> actual) {
    assertThat(actual.keySet()).containsExactlyElementsIn(expected.keySet());
    expected.forEach((name, bytes) ->
        assertWithMessage(name).that(actual.get(name)).isEqualTo(bytes));
  }

  @Test
  void sameSourcesTwiceGiveTheSameBytes() {
    Map<String, byte[]> first = generated(compile(new DifferentiableProcessor(), ORDERED, OTHER));
    Map<String, byte[]> second = generated(compile(new DifferentiableProcessor(), ORDERED, OTHER));

    assertThat(first.keySet()).hasSize(2);
    assertSameBytes(first, second);
  }

  @Test
  void orderOfSourceFilesDoesNotChangeTheBytes() {
    Map<String, byte[]> forward = generated(compile(new DifferentiableProcessor(), ORDERED, OTHER));
    Map<String, byte[]> backward = generated(compile(new DifferentiableProcessor(), OTHER, ORDERED));

    assertSameBytes(forward, backward);
  }

  @Test
  void orderInWhichTheCompilerReportsAnnotatedMethodsDoesNotChangeTheBytes() {
    Map<String, byte[]> javacOrder =
        generated(compile(new DifferentiableProcessor(), ORDERED, OTHER));
    Map<String, byte[]> reversed = generated(compile(
        new WrappingProcessor(
            new DifferentiableProcessor(), UnaryOperator.identity(), ReversedRound::new),
        ORDERED, OTHER));

    assertSameBytes(javacOrder, reversed);
  }

  @Test
  void methodsFollowSourceOrder() {
    for (Compilation compilation : new Compilation[] {
        compile(new DifferentiableProcessor(), ORDERED, OTHER),
        compile(new WrappingProcessor(
            new DifferentiableProcessor(), UnaryOperator.identity(), ReversedRound::new),
            ORDERED, OTHER)}) {
      assertCleanSuccess(compilation);
      assertInOrder(generatedSource(compilation, "p.OrderedGrad"),
          "static double c(", "static void cPullback(",
          "static double a(", "static void aPullback(",
          "static double b(", "static void bPullback(");
      assertInOrder(generatedSource(compilation, "p.OtherGrad"),
          "static double z(", "static void zPullback(",
          "static double y(", "static void yPullback(");
    }
  }

  private static void assertInOrder(String text, String... parts) {
    int at = -1;
    for (String part : parts) {
      int next = text.indexOf(part);
      assertWithMessage("'%s' in\n%s", part, text).that(next).isGreaterThan(at);
      assertWithMessage("'%s' once", part).that(text.lastIndexOf(part)).isEqualTo(next);
      at = next;
    }
  }
}
