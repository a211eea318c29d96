package dev.backprop.processor.environment;

import static com.google.common.truth.Truth.assertThat;
import static dev.backprop.processor.environment.Fixtures.assertCleanSuccess;
import static dev.backprop.processor.environment.Fixtures.compile;
import static dev.backprop.processor.environment.Fixtures.generatedSource;
import static dev.backprop.processor.environment.Fixtures.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import dev.backprop.processor.DifferentiableProcessor;
import dev.backprop.processor.environment.Fixtures.Loaded;
import java.lang.reflect.Modifier;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code p.Outer.Inner} gives {@code p.Outer_InnerGrad}, a top-level class as visible as the
 * source class can be from outside: public for a public nest, package-private otherwise
 * (private nested classes included), and it compiles.
 */
class NestedClassTest {

  private static Loaded compileAndLoad(JavaFileObject... sources) {
    Compilation compilation = compile(new DifferentiableProcessor(), sources);
    assertCleanSuccess(compilation);
    return new Loaded(compilation);
  }

  /** Asserts the gradient class is top level, final, with the given visibility, and works. */
  private static void assertGradientClass(Loaded loaded, String name, boolean isPublic,
      String method, double x, double value, double derivative) {
    Class<?> grad = loaded.load(name);
    assertThat(grad.getEnclosingClass()).isNull();
    assertThat(Modifier.isPublic(grad.getModifiers())).isEqualTo(isPublic);
    assertThat(Modifier.isProtected(grad.getModifiers())).isFalse();
    assertThat(Modifier.isPrivate(grad.getModifiers())).isFalse();
    assertThat(Modifier.isFinal(grad.getModifiers())).isTrue();
    double[] g = new double[1];
    assertEquals(value, (double) Loaded.invoke(grad, method, x, g), 1e-12, name + "." + method);
    assertEquals(derivative, g[0], 1e-12, name + "." + method + " gradient");
  }

  @Test
  void publicNestedClassGivesPublicGradientClass() {
    Loaded loaded = compileAndLoad(source("p.Outer", """
        package p;

        import dev.backprop.Differentiable;

        public final class Outer {
          private Outer() {}

          public static final class Inner {
            private Inner() {}

            @Differentiable public static double square(double x) { return x * x; }
          }
        }
        """));

    assertGradientClass(loaded, "p.Outer_InnerGrad", true, "square", 3, 9, 6);
  }

  @Test
  void packagePrivateNestedClassGivesPackagePrivateGradientClass() {
    Loaded loaded = compileAndLoad(source("p.Outer", """
        package p;

        import dev.backprop.Differentiable;

        public final class Outer {
          private Outer() {}

          static final class Inner {
            private Inner() {}

            @Differentiable static double square(double x) { return x * x; }
          }
        }
        """));

    assertGradientClass(loaded, "p.Outer_InnerGrad", false, "square", 3, 9, 6);
  }

  @Test
  void publicClassNestedInPackagePrivateClassGivesPackagePrivateGradientClass() {
    Loaded loaded = compileAndLoad(source("p.Outer", """
        package p;

        import dev.backprop.Differentiable;

        final class Outer {
          private Outer() {}

          public static final class Inner {
            private Inner() {}

            @Differentiable public static double square(double x) { return x * x; }
          }
        }
        """));

    assertGradientClass(loaded, "p.Outer_InnerGrad", false, "square", 3, 9, 6);
  }

  @Test
  void privateNestedClassGivesPackagePrivateGradientClassThatCompiles() {
    Loaded loaded = compileAndLoad(source("p.Outer", """
        package p;

        import dev.backprop.Differentiable;

        public final class Outer {
          private Outer() {}

          private static final class Inner {
            private Inner() {}

            @Differentiable static double square(double x) { return x * x; }
          }
        }
        """));

    assertGradientClass(loaded, "p.Outer_InnerGrad", false, "square", 3, 9, 6);
  }

  @Test
  void privateNestedClassWithConstantsGivesGradientClassThatCompiles() {
    Loaded loaded = compileAndLoad(source("p.Outer", """
        package p;

        import dev.backprop.Differentiable;

        public final class Outer {
          private Outer() {}

          private static final class Inner {
            static final double K = 3;
            private static final double HALF = 0.5;

            private Inner() {}

            @Differentiable static double f(double x) { return K * x * x * HALF; }
          }
        }
        """));

    assertGradientClass(loaded, "p.Outer_InnerGrad", false, "f", 2, 6, 6);
  }

  @Test
  void deeplyNestedClassJoinsAllNames() {
    Compilation compilation = compile(new DifferentiableProcessor(), source("p.A", """
        package p;

        import dev.backprop.Differentiable;

        public final class A {
          private A() {}

          public static final class B {
            private B() {}

            public static final class C {
              private C() {}

              @Differentiable public static double cube(double x) { return x * x * x; }
            }
          }
        }
        """));

    assertCleanSuccess(compilation);
    assertThat(generatedSource(compilation, "p.A_B_CGrad")).contains("public final class A_B_CGrad");
    assertGradientClass(new Loaded(compilation), "p.A_B_CGrad", true, "cube", 2, 8, 12);
  }

  @Test
  void topLevelAndNestedClassesInOneFileEachGetTheirOwn() {
    Loaded loaded = compileAndLoad(source("p.Outer", """
        package p;

        import dev.backprop.Differentiable;

        public final class Outer {
          private Outer() {}

          @Differentiable public static double twice(double x) { return 2 * x; }

          public static final class Inner {
            private Inner() {}

            @Differentiable public static double square(double x) { return x * x; }
          }
        }
        """));

    assertGradientClass(loaded, "p.OuterGrad", true, "twice", 3, 6, 2);
    assertGradientClass(loaded, "p.Outer_InnerGrad", true, "square", 3, 9, 6);
  }
}
