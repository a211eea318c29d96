package dev.backprop.processor;

import static com.google.common.truth.Truth.assertThat;

import dev.backprop.processor.testing.CompiledGradients;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/**
 * The gradient methods are as visible as the method: public for a public or protected one
 * (a subclass elsewhere may call it, and its gradient class then calls the pullback), package
 * private for a package-private or private one, which no other package can call either.
 */
class VisibilityTest {

  @Test
  void gradientMethodsAreAsVisibleAsTheMethod() {
    CompiledGradients compiled = CompiledGradients.compile("t.Seen", """
        package t;

        import dev.backprop.Differentiable;

        public class Seen {
          @Differentiable
          public static double open(double x) {
            return x * x;
          }

          @Differentiable
          protected static double inherited(double x) {
            return x * x * x;
          }

          @Differentiable
          static double local(double x) {
            return Math.sin(x);
          }

          @Differentiable
          private static double hidden(double x) {
            return Math.exp(x);
          }
        }
        """);
    for (String name : new String[] {"open", "inherited", "local", "hidden"}) {
      compiled.checkAt("t.Seen", "t.SeenGrad", name, 0.3);
    }
    assertThat(visibility(compiled, "open")).isEqualTo("public");
    assertThat(visibility(compiled, "inherited")).isEqualTo("public");
    assertThat(visibility(compiled, "local")).isEqualTo("package-private");
    assertThat(visibility(compiled, "hidden")).isEqualTo("package-private");
  }

  /** The visibility of both generated methods for {@code name}, which must agree. */
  private static String visibility(CompiledGradients compiled, String name) {
    String seen = null;
    for (Method m : compiled.load("t.SeenGrad").getDeclaredMethods()) {
      if (m.getName().equals(name) || m.getName().equals(name + "Pullback")) {
        String v = Modifier.isPublic(m.getModifiers()) ? "public"
            : Modifier.isPrivate(m.getModifiers()) || Modifier.isProtected(m.getModifiers())
                ? "other" : "package-private";
        assertThat(seen == null || seen.equals(v)).isTrue();
        seen = v;
      }
    }
    return seen;
  }
}
