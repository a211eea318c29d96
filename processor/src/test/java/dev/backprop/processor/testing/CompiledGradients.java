package dev.backprop.processor.testing;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.backprop.check.GradientCheck;
import dev.backprop.check.GradientReport;
import dev.backprop.processor.DifferentiableProcessor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;

/**
 * Compiles sources with the processor in memory (under {@code -Xlint:all -Werror}), loads the
 * classes, and checks every generated gradient against central differences of the original
 * method, the value against the original, and the pullback against the plain form.
 */
public final class CompiledGradients {

  private final Compilation compilation;
  private final ClassLoader loader;

  private CompiledGradients(Compilation compilation) {
    this.compilation = compilation;
    InMemoryClassLoader inMemory = new InMemoryClassLoader(compilation.generatedFiles());
    // as the tests' own loader has them: Surefire enables assertions there, not with -ea
    inMemory.setDefaultAssertionStatus(CompiledGradients.class.desiredAssertionStatus());
    this.loader = inMemory;
  }

  /** Compiles {@code sources} ("qualified.Name", "source", ...) and requires success. */
  public static CompiledGradients compile(String... namesAndSources) {
    return compileForRelease("17", namesAndSources);
  }

  /** As {@link #compile}, for a later Java release than 17 (on a JDK that has it). */
  public static CompiledGradients compileForRelease(String release, String... namesAndSources) {
    List<JavaFileObject> files = new ArrayList<>();
    for (int i = 0; i < namesAndSources.length; i += 2) {
      files.add(JavaFileObjects.forSourceString(namesAndSources[i], namesAndSources[i + 1]));
    }
    Compilation compilation = javac()
        .withProcessors(new DifferentiableProcessor())
        .withOptions("--release", release, "-Xlint:all", "-Werror")
        .compile(files);
    assertEquals(Compilation.Status.SUCCESS, compilation.status(),
        () -> "compilation failed:\n" + compilation.diagnostics().stream()
            .map(Object::toString).collect(Collectors.joining("\n")));
    return new CompiledGradients(compilation);
  }

  public Compilation compilation() {
    return compilation;
  }

  /** The source the processor generated for {@code className}. */
  public String generatedSource(String className) {
    try {
      return compilation.generatedSourceFile(className)
          .orElseThrow(() -> new AssertionError("not generated: " + className))
          .getCharContent(true).toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * The plain form {@code name} of the generated {@code className}, from its signature to its
   * closing brace (the pullback follows it).
   */
  public String generatedMethod(String className, String name) {
    String source = generatedSource(className);
    int start = source.indexOf("static double " + name + "(");
    if (start < 0) {
      throw new AssertionError("no " + name + " in " + className);
    }
    return source.substring(start, source.indexOf("\n    }\n", start));
  }

  /** {@code n} standard normal numbers times {@code scale}. */
  public static double[] gaussian(int n, java.util.Random random, double scale) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = scale * random.nextGaussian();
    }
    return a;
  }

  /**
   * {@code binaryName} loaded afresh with assertions disabled, as a program run without
   * {@code -ea} has it.
   */
  public Class<?> loadWithoutAssertions(String binaryName) {
    InMemoryClassLoader plain = new InMemoryClassLoader(compilation.generatedFiles());
    plain.setDefaultAssertionStatus(false);
    try {
      return plain.loadClass(binaryName);
    } catch (ClassNotFoundException e) {
      throw new AssertionError("not generated: " + binaryName, e);
    }
  }

  public Class<?> load(String binaryName) {
    try {
      return loader.loadClass(binaryName);
    } catch (ClassNotFoundException e) {
      throw new AssertionError("not generated: " + binaryName, e);
    }
  }

  /** Names of the value-and-gradient methods of a generated class, in declaration order. */
  public List<String> gradientMethods(String gradClass) {
    return Arrays.stream(load(gradClass).getDeclaredMethods())
        .filter(m -> m.getReturnType() == double.class)
        .map(Method::getName)
        .distinct()
        .sorted()
        .collect(Collectors.toList());
  }

  /**
   * Checks {@code name} of {@code sourceClass} (and its gradient in {@code gradClass}) at
   * {@code points} random points: double parameters drawn from [lo, hi], int and long
   * parameters 3, booleans true.
   */
  public void check(String sourceClass, String gradClass, String name, double lo, double hi,
      int points, long seed) {
    Method original = find(load(sourceClass), name, false);
    Class<?>[] types = original.getParameterTypes();
    Method plain = find(load(gradClass), name, true);
    Method pullback = find(load(gradClass), name + "Pullback", true);
    int gradSize = plainGradientSize(plain, types);
    Random random = new Random(seed);
    for (int p = 0; p < points; p++) {
      Object[] args = new Object[types.length];
      for (int i = 0; i < types.length; i++) {
        args[i] = sample(types[i], lo, hi, random);
      }
      checkAt(original, plain, pullback, args, gradSize, random);
    }
  }

  /** Checks at one point; int/long/boolean args as given. */
  public void checkAt(String sourceClass, String gradClass, String name, Object... args) {
    Method original = find(load(sourceClass), name, false);
    Method plain = find(load(gradClass), name, true);
    Method pullback = find(load(gradClass), name + "Pullback", true);
    checkAt(original, plain, pullback, args, plainGradientSize(plain,
        original.getParameterTypes()), new Random(1));
  }

  /** The value-and-gradient result at one point: [value, grad...]. */
  public double[] gradientAt(String gradClass, String name, int gradSize, Object... args) {
    Method plain = find(load(gradClass), name, true);
    double[] grad = new double[gradSize];
    Object[] all = Arrays.copyOf(args, args.length + 1);
    all[args.length] = grad;
    double value = (double) invoke(plain, all);
    double[] out = new double[gradSize + 1];
    out[0] = value;
    System.arraycopy(grad, 0, out, 1, gradSize);
    return out;
  }

  /** Calls the plain form with {@code args} as given (gradient arrays included): [value]. */
  public double[] gradientAtArrays(String gradClass, String name, Object... args) {
    Method plain = find(load(gradClass), name, true);
    return new double[] {(double) invoke(plain, args)};
  }

  private void checkAt(Method original, Method plain, Method pullback, Object[] args,
      int gradSize, Random random) {
    Class<?>[] types = original.getParameterTypes();
    List<Integer> doubles = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      if (types[i] == double.class) {
        doubles.add(i);
      }
    }
    // Which double parameters are differentiated: the generated Javadoc is not at hand, so
    // probe: a parameter is differentiated when gradSize counts it. With wrt, tests pass
    // only the differentiated ones first; here we rely on the plain form's own order.
    int[] wrt = differentiatedIndices(original, plain, args, doubles, gradSize);
    double expectedValue = (double) invoke(original, args);

    double[] grad = new double[gradSize];
    double value = (double) invoke(plain, append(args, grad));
    assertEquals(expectedValue, value, 0.0, "value of " + plain.getName() + at(args));

    double[] x = new double[wrt.length];
    for (int k = 0; k < wrt.length; k++) {
      x[k] = (double) args[wrt[k]];
    }
    GradientReport report = GradientCheck.of(
            point -> (double) invoke(original, with(args, wrt, point)),
            (point, g) -> (double) invoke(plain, append(with(args, wrt, point), g)))
        .tolerance(1e-6)
        .absoluteTolerance(1e-7)
        .assertAt(x);
    assertTrue(report.passed());

    double seed = 0.5 + random.nextDouble();
    double[] before = new double[gradSize];
    for (int i = 0; i < gradSize; i++) {
      before[i] = random.nextGaussian();
    }
    double[] accumulated = before.clone();
    Object[] pullbackArgs = Arrays.copyOf(args, args.length + 2);
    pullbackArgs[args.length] = seed;
    pullbackArgs[args.length + 1] = accumulated;
    invoke(pullback, pullbackArgs);
    for (int i = 0; i < gradSize; i++) {
      assertEquals(before[i] + seed * grad[i], accumulated[i],
          1e-12 * (1 + Math.abs(accumulated[i])),
          "pullback grad[" + i + "] of " + plain.getName() + at(args));
    }
  }

  /** Indices of the differentiated parameters: every double, unless gradSize says fewer. */
  private int[] differentiatedIndices(
      Method original, Method plain, Object[] args, List<Integer> doubles, int gradSize) {
    if (gradSize == doubles.size()) {
      return doubles.stream().mapToInt(Integer::intValue).toArray();
    }
    String wrt = wrtHints.get(original.getDeclaringClass().getName() + "#" + original.getName());
    if (wrt == null) {
      throw new AssertionError(original.getName() + " differentiates " + gradSize + " of "
          + doubles.size() + " doubles: declare which with wrt(...)");
    }
    return Arrays.stream(wrt.split(",")).mapToInt(Integer::parseInt).toArray();
  }

  private final Map<String, String> wrtHints = new HashMap<>();

  /** Declares which parameter indices a method with {@code wrt} differentiates. */
  public CompiledGradients wrt(String sourceClass, String method, int... indices) {
    wrtHints.put(sourceClass + "#" + method,
        Arrays.stream(indices).mapToObj(Integer::toString).collect(Collectors.joining(",")));
    return this;
  }

  private static int plainGradientSize(Method plain, Class<?>[] sourceTypes) {
    // The generated length check's message is the only place the size is stated; probe it.
    for (int n = 0; n <= sourceTypes.length; n++) {
      Object[] args = new Object[sourceTypes.length + 1];
      for (int i = 0; i < sourceTypes.length; i++) {
        args[i] = sample(sourceTypes[i], 0.5, 0.5, new Random(0));
      }
      args[sourceTypes.length] = new double[n];
      try {
        plain.invoke(null, args);
        return n;
      } catch (InvocationTargetException e) {
        if (!(e.getCause() instanceof IllegalArgumentException)) {
          return n;
        }
      } catch (IllegalAccessException e) {
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("no grad length accepted by " + plain);
  }

  private static Object sample(Class<?> type, double lo, double hi, Random random) {
    if (type == double.class) {
      return lo + (hi - lo) * random.nextDouble();
    }
    if (type == int.class) {
      return 3;
    }
    if (type == long.class) {
      return 3L;
    }
    if (type == boolean.class) {
      return true;
    }
    throw new IllegalArgumentException("unsupported parameter type " + type);
  }

  private static Object[] with(Object[] args, int[] wrt, double[] point) {
    Object[] copy = args.clone();
    for (int k = 0; k < wrt.length; k++) {
      copy[wrt[k]] = point[k];
    }
    return copy;
  }

  private static Object[] append(Object[] args, Object last) {
    Object[] all = Arrays.copyOf(args, args.length + 1);
    all[args.length] = last;
    return all;
  }

  private static String at(Object[] args) {
    return " at " + Arrays.toString(args);
  }

  private static Method find(Class<?> type, String name, boolean generated) {
    for (Method m : type.getDeclaredMethods()) {
      if (m.getName().equals(name)) {
        m.setAccessible(true);
        return m;
      }
    }
    throw new AssertionError("no method " + name + " in " + type.getName()
        + (generated ? " (generated)" : ""));
  }

  static Object invoke(Method m, Object[] args) {
    try {
      return m.invoke(null, args);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw new AssertionError(e.getCause());
    }
  }
}
