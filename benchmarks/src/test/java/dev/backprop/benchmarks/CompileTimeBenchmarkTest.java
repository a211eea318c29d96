package dev.backprop.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each benchmark body of {@link CompileTimeBenchmark} once, at its 200 methods: both compile
 * the source cleanly, and with the processor the gradient class holds a plain form and a
 * pullback for every method, and works.
 */
class CompileTimeBenchmarkTest {

  private static final int METHODS = 200;

  private static CompileTimeBenchmark benchmark;

  @BeforeAll
  static void setUp() {
    benchmark = new CompileTimeBenchmark();
    benchmark.methods = METHODS;
    benchmark.setUp();
  }

  @Test
  void sourceHasTheMethodsOfEveryShapeAndIsTheSameEveryTime() {
    String source = CompileTimeSource.generate(METHODS);
    assertEquals(source, CompileTimeSource.generate(METHODS));
    assertEquals(METHODS, Pattern.compile("@Differentiable\\b").matcher(source).results().count());
    for (String shape : List.of("neuron", "gates", "relu", "piecewise", "hinge", "smooth",
        "leaky", "stacked", "dot", "svmCost")) {
      Pattern declaration = Pattern.compile("static double " + shape + "\\d+\\(");
      assertEquals(METHODS / CompileTimeSource.SHAPES.size(),
          declaration.matcher(source).results().count(), shape);
    }
    assertThrows(IllegalArgumentException.class, () -> CompileTimeSource.generate(0));
  }

  @Test
  void javacAloneCompilesTheSourceAndNothingElse() {
    InMemoryJavac.Result result = benchmark.javacAlone();
    assertTrue(result.success());
    assertEquals(List.of(), result.diagnostics());
    assertEquals(Set.of(CompileTimeSource.QUALIFIED_NAME), result.classFiles().keySet());
    assertEquals(Map.of(), result.generatedSources());
  }

  @Test
  void withTheProcessorEveryMethodGetsItsGradientInOneClass() throws Exception {
    InMemoryJavac.Result result = benchmark.javacWithProcessor();
    assertTrue(result.success());
    assertEquals(List.of(), result.diagnostics());
    assertEquals(Set.of(CompileTimeSource.GRADIENT_CLASS), result.generatedSources().keySet());
    assertEquals(Set.of(CompileTimeSource.QUALIFIED_NAME, CompileTimeSource.GRADIENT_CLASS),
        result.classFiles().keySet());

    ClassLoader loader = new MemoryClassLoader(result.classFiles());
    Set<String> annotated = publicStaticMethods(loader.loadClass(CompileTimeSource.QUALIFIED_NAME));
    assertEquals(METHODS, annotated.size());
    Set<String> expected = new TreeSet<>(annotated);
    annotated.forEach(name -> expected.add(name + "Pullback"));
    Class<?> gradients = loader.loadClass(CompileTimeSource.GRADIENT_CLASS);
    assertEquals(expected, publicStaticMethods(gradients));
    assertEquals(2 * METHODS, Arrays.stream(gradients.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers())).count(), "one method per name");

    // The compiled gradient runs: the article's neuron at its point (chapter 1).
    Method neuron = gradients.getMethod("neuron0",
        double.class, double.class, double.class, double.class, double.class, double[].class);
    double[] grad = new double[5];
    double value = (double) neuron.invoke(null, 1.0, 2.0, -3.0, -1.0, 3.0, grad);
    assertEquals(0.8808, value, 5e-5);
    assertArrayEquals(new double[] {-0.105, 0.315, 0.105, 0.105, 0.210}, grad, 5e-4);
  }

  @Test
  void aFailedCompilationIsNeverTimed() {
    InMemoryJavac javac = new InMemoryJavac(List.of());
    InMemoryJavac.Result result = javac.compile(CompileTimeSource.QUALIFIED_NAME,
        CompileTimeSource.generate(1), CompileTimeBenchmark.OPTIONS_PROC_NONE, List.of());
    // without the runtime on the class path, @Differentiable is unknown
    assertFalse(result.success());
    IllegalStateException thrown = assertThrows(IllegalStateException.class, result::requireClean);
    assertTrue(thrown.getMessage().contains("Differentiable"), thrown.getMessage());
  }

  private static Set<String> publicStaticMethods(Class<?> type) {
    return Arrays.stream(type.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()))
        .map(Method::getName)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Loads the compiled classes from memory; everything else (the runtime) from the test's. */
  private static final class MemoryClassLoader extends ClassLoader {
    private final Map<String, byte[]> classFiles;

    MemoryClassLoader(Map<String, byte[]> classFiles) {
      super(CompileTimeBenchmarkTest.class.getClassLoader());
      this.classFiles = classFiles;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classFiles.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
