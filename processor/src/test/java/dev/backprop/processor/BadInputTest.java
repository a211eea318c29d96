package dev.backprop.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Input that is not valid Java, or that clashes with what the processor generates: a clear
 * error, never a crash, never a generated file that does not compile.
 */
class BadInputTest {

  private static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new DifferentiableProcessor()).compile(sources);
  }

  private static void assertNoCrash(Compilation compilation) {
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      assertThat(d.getMessage(null)).doesNotContain("threw an uncaught exception");
      assertThat(d.getMessage(null)).doesNotContain("[backprop:internal]");
    }
  }

  @Test
  void aTypeNamedLikeTheGradientClassIsReportedOnTheSourceClass() {
    JavaFileObject source = JavaFileObjects.forSourceLines("p.C",
        "package p;",
        "import dev.backprop.Differentiable;",
        "final class C {",
        "  @Differentiable static double f(double x) { return x * x; }",
        "}");
    JavaFileObject clash = JavaFileObjects.forSourceLines("p.CGrad",
        "package p;",
        "final class CGrad {}");
    Compilation compilation = compile(source, clash);
    assertThat(compilation).hadErrorContaining(
            "[backprop:name-clash] a type named p.CGrad already exists, so the gradient class of C"
                + " cannot be generated; rename that type")
        .inFile(source).onLineContaining("final class C {");
    assertThat(compilation).hadErrorCount(1);
    assertNoCrash(compilation);
  }

  @Test
  void syntaxErrorsAreJavacsAlone() {
    JavaFileObject source = JavaFileObjects.forSourceLines("p.Broken",
        "package p;",
        "import dev.backprop.Differentiable;",
        "final class Broken {",
        "  @Differentiable static double f(double x) {",
        "    double q = x * ;",
        "    return q;",
        "  }",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("illegal start of expression")
        .inFile(source).onLineContaining("double q = x * ;");
    assertNoCrash(compilation);
    for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
      assertThat(d.getMessage(null)).doesNotContain("[backprop");
    }
  }

  @Test
  void typeErrorsInTheBodyAreJavacsAlone() {
    JavaFileObject source = JavaFileObjects.forSourceLines("p.Typo",
        "package p;",
        "import dev.backprop.Differentiable;",
        "final class Typo {",
        "  @Differentiable static double f(double x) {",
        "    double q = x * y;",
        "    return Math.expp(q);",
        "  }",
        "  @Differentiable static double g(double x) {",
        "    return x * x;",
        "  }",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorContaining("cannot find symbol")
        .inFile(source).onLineContaining("double q = x * y;");
    assertNoCrash(compilation);
    for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
      assertThat(d.getMessage(null)).doesNotContain("[backprop");
    }
  }

  @Test
  void aMisspelledAnnotationAttributeIsJavacsError() {
    JavaFileObject source = JavaFileObjects.forSourceLines("p.Attr",
        "package p;",
        "import dev.backprop.Differentiable;",
        "final class Attr {",
        "  @Differentiable(wtr = {\"x\"}) static double f(double x) { return x * x; }",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorContaining("wtr").inFile(source).onLineContaining("wtr");
    assertNoCrash(compilation);
  }
}
