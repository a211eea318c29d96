package dev.backprop.processor.environment;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;

/** Sources, compilation and loading shared by the environment tests. */
final class Fixtures {

  private Fixtures() {}

  /** The article's single neuron. */
  static final String CIRCUITS = """
      package p;

      import dev.backprop.Differentiable;

      public final class Circuits {
        private Circuits() {}

        @Differentiable
        public static double neuron(double a, double b, double c, double x, double y) {
          double q = a * x + b * y + c;
          return 1 / (1 + Math.exp(-q));
        }
      }
      """;

  static JavaFileObject circuits() {
    return source("p.Circuits", CIRCUITS);
  }

  static JavaFileObject source(String qualifiedName, String text) {
    return JavaFileObjects.forSourceString(qualifiedName, text);
  }

  /** Compiles with {@code processors} under {@code -Xlint:all -Werror}. */
  static Compilation compile(List<? extends Processor> processors, JavaFileObject... sources) {
    return javac()
        .withProcessors(processors)
        .withOptions("-Xlint:all", "-Werror")
        .compile(sources);
  }

  static Compilation compile(Processor processor, JavaFileObject... sources) {
    return compile(List.of(processor), sources);
  }

  /** Every diagnostic, one a line, for failure messages. */
  static String diagnostics(Compilation compilation) {
    return compilation.diagnostics().stream()
        .map(Object::toString)
        .collect(Collectors.joining("\n"));
  }

  /** Requires a successful compilation with no diagnostic at all (no warning, no note). */
  static void assertCleanSuccess(Compilation compilation) {
    assertWithMessage("status; diagnostics:\n%s", diagnostics(compilation))
        .that(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    assertWithMessage("diagnostics").that(diagnostics(compilation)).isEmpty();
  }

  /** The text of a generated source file, which must exist. */
  static String generatedSource(Compilation compilation, String qualifiedName) {
    JavaFileObject file = compilation.generatedSourceFile(qualifiedName)
        .orElseThrow(() -> new AssertionError(qualifiedName + " was not generated; generated: "
            + compilation.generatedSourceFiles().stream()
                .map(JavaFileObject::getName).collect(Collectors.toList())
            + "\n" + diagnostics(compilation)));
    return new String(bytes(file), StandardCharsets.UTF_8);
  }

  static byte[] bytes(JavaFileObject file) {
    try (InputStream in = file.openInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs the generated {@code p.CircuitsGrad.neuron} at the article's point (a=1, b=2, c=-3,
   * x=-1, y=3) and compares value and gradient with the closed form.
   */
  static void assertNeuronGradient(Compilation compilation) {
    assertNeuronGradient(new Loaded(compilation).load("p.CircuitsGrad"));
  }

  /** As {@link #assertNeuronGradient(Compilation)}, for a loaded {@code p.CircuitsGrad}. */
  static void assertNeuronGradient(Class<?> grad) {
    double[] g = new double[5];
    double value = (double) Loaded.invoke(grad, "neuron", 1.0, 2.0, -3.0, -1.0, 3.0, g);
    double s = 1 / (1 + Math.exp(-2));
    double ds = s * (1 - s);
    assertEquals(s, value, 1e-15, "value");
    double[] expected = {-1 * ds, 3 * ds, ds, 1 * ds, 2 * ds};
    for (int i = 0; i < 5; i++) {
      assertEquals(expected[i], g[i], 1e-12, "grad[" + i + "]");
    }
  }

  /** The classes a compilation wrote, loaded. */
  static final class Loaded extends ClassLoader {
    private final Map<String, byte[]> classes = new HashMap<>();

    Loaded(Compilation compilation) {
      super(Fixtures.class.getClassLoader());
      for (JavaFileObject file : compilation.generatedFiles()) {
        if (file.getKind() == JavaFileObject.Kind.CLASS) {
          String path = file.toUri().getPath();
          String name = path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length(),
              path.length() - ".class".length()).replace('/', '.');
          classes.put(name, bytes(file));
        }
      }
    }

    Class<?> load(String binaryName) {
      try {
        return loadClass(binaryName);
      } catch (ClassNotFoundException e) {
        throw new AssertionError("no class " + binaryName + " in the output", e);
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }

    /** Calls the one static method {@code name} of {@code type}. */
    static Object invoke(Class<?> type, String name, Object... args) {
      for (Method m : type.getDeclaredMethods()) {
        if (m.getName().equals(name)) {
          m.setAccessible(true);
          try {
            return m.invoke(null, args);
          } catch (IllegalAccessException e) {
            throw new AssertionError(e);
          } catch (InvocationTargetException e) {
            throw new AssertionError(name + " threw", e.getCause());
          }
        }
      }
      throw new AssertionError("no method " + name + " in " + type.getName());
    }
  }
}
