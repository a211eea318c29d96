package dev.backprop.benchmarks;

import java.util.List;
import java.util.Locale;

/**
 * The source file {@link CompileTimeBenchmark} compiles: one class, {@value #QUALIFIED_NAME},
 * with any number of {@code @Differentiable} static methods.
 *
 * <p>The methods cycle through {@link #SHAPES}, ten shapes taken from the project's examples and
 * the article: the sigmoid neuron, gates, a ReLU layer with data parameters left out of
 * {@code wrt}, an {@code if} with an early return, a hinge with an {@code int} label, smooth
 * {@code Math} functions, a leaky ReLU ternary, a call to another differentiable method (which
 * chains through its generated pullback), and two with {@code double[]} parameters and counted
 * {@code for} loops (a dot product, the article's SVM cost over a dataset). So a fifth of the
 * methods take the processor's loop path (a tape, the loop run backwards) and the rest its
 * straight-line and branch paths. Each instance gets its own name and constant, so no two
 * methods are the same text.
 *
 * <p>Deterministic: the same count always gives the same text (nothing random, numbers printed
 * in {@link Locale#ROOT}). Everything here compiles without warnings under {@code -Xlint:all},
 * with and without the processor; {@code CompileTimeBenchmarkTest} checks it.
 */
public final class CompileTimeSource {

  /** The package of the generated class: no class of the benchmarks jar lives there. */
  public static final String PACKAGE = "dev.backprop.compiletime";

  /** The simple name of the generated class. */
  public static final String SIMPLE_NAME = "Circuits";

  /** The qualified name of the generated class. */
  public static final String QUALIFIED_NAME = PACKAGE + "." + SIMPLE_NAME;

  /** The qualified name of the class the processor writes for it. */
  public static final String GRADIENT_CLASS = QUALIFIED_NAME + "Grad";

  /**
   * The method shapes, one Java method each, in the order they cycle. {@code {i}} is the
   * method's index (its name's suffix), {@code {c}} a constant in {@code [0.05, 0.95]} that
   * varies with it, {@code {j}} the index of the neuron that starts the same cycle (the callee
   * of {@code stacked}).
   */
  static final List<String> SHAPES = List.of(
      """
        /** The article's sigmoid neuron, sig(a*x + b*y + c), written out. */
        @Differentiable
        public static double neuron{i}(double a, double b, double c, double x, double y) {
          double q = a * x + b * y + c;
          return 1 / (1 + Math.exp(-q));
        }
      """,
      """
        /** The article's (x + y) * z, gate by gate, scaled. */
        @Differentiable
        public static double gates{i}(double x, double y, double z) {
          double q = x + y;
          double f = q * z;
          return {c} * f;
        }
      """,
      """
        /** Two ReLU neurons and an output: the point (x, y) is data, not differentiated. */
        @Differentiable(wrt = {"a1", "b1", "c1", "a2", "b2", "c2", "a3", "b3", "c3"})
        public static double relu{i}(double x, double y,
            double a1, double b1, double c1,
            double a2, double b2, double c2,
            double a3, double b3, double c3) {
          double n1 = Math.max(0, a1 * x + b1 * y + c1);
          double n2 = Math.max(0, a2 * x + b2 * y + c2);
          return a3 * n1 + b3 * n2 + c3;
        }
      """,
      """
        /** Branches: an early return, then an if-else assigning a local. */
        @Differentiable
        public static double piecewise{i}(double x, double y) {
          if (x > {c}) {
            return x * y;
          }
          double z;
          if (y > x) {
            z = y * y;
          } else {
            z = Math.sin(x * y);
          }
          return z + x;
        }
      """,
      """
        /** The SVM's hinge on one example: the label is an int, the features are data. */
        @Differentiable(wrt = {"w0", "w1", "w2"})
        public static double hinge{i}(double x0, double x1, int label,
            double w0, double w1, double w2) {
          double score = w0 * x0 + w1 * x1 + w2;
          return Math.max(0, 1 - label * score) + {c} * (w0 * w0 + w1 * w1);
        }
      """,
      """
        /** Smooth functions of the math library. */
        @Differentiable
        public static double smooth{i}(double x, double y) {
          double r = Math.sqrt(x * x + y * y + 1);
          return Math.tanh(r) * Math.log(1 + x * x) + {c} * Math.pow(y, 3);
        }
      """,
      """
        /** A leaky ReLU unit: a ternary whose branches have different slopes. */
        @Differentiable
        public static double leaky{i}(double w, double x, double b) {
          double s = w * x + b;
          return s > 0 ? s : {c} * s;
        }
      """,
      """
        /** A neuron feeding a square: the call chains through neuron{j}'s pullback. */
        @Differentiable
        public static double stacked{i}(double a, double b, double x) {
          double h = neuron{j}(a, b, {c}, x, 1 - x);
          return h * h;
        }
      """,
      """
        /** A linear unit over a weight vector: a dot product plus a bias. */
        @Differentiable(wrt = {"w", "b"})
        public static double dot{i}(double[] w, double[] x, double b) {
          double s = b;
          for (int k = 0; k < w.length; k++) {
            s += w[k] * x[k];
          }
          return s;
        }
      """,
      """
        /** The article's SVM cost: hinge losses summed over the data, plus regularization. */
        @Differentiable(wrt = "w")
        public static double svmCost{i}(double[][] x, int[] y, double[] w) {
          double total = 0;
          for (int n = 0; n < x.length; n++) {
            double score = w[0] * x[n][0] + w[1] * x[n][1] + w[2];
            total += Math.max(0, -y[n] * score + 1);
          }
          return total + {c} * (w[0] * w[0] + w[1] * w[1]);
        }
      """);

  private CompileTimeSource() {}

  /** The source of {@value #QUALIFIED_NAME} with {@code methods} differentiable methods. */
  public static String generate(int methods) {
    if (methods < 1) {
      throw new IllegalArgumentException("methods must be positive, was " + methods);
    }
    StringBuilder source = new StringBuilder()
        .append("package ").append(PACKAGE).append(";\n\n")
        .append("import dev.backprop.Differentiable;\n\n")
        .append("/** ").append(methods).append(" differentiable methods of ")
        .append(SHAPES.size()).append(" shapes, for measuring compile time. */\n")
        .append("public final class ").append(SIMPLE_NAME).append(" {\n\n")
        .append("  private ").append(SIMPLE_NAME).append("() {}\n");
    for (int i = 0; i < methods; i++) {
      source.append('\n').append(method(i));
    }
    return source.append("}\n").toString();
  }

  /** Method {@code i}: shape {@code i mod 10}, its placeholders filled in. */
  private static String method(int i) {
    int shape = i % SHAPES.size();
    String constant = String.format(Locale.ROOT, "%.2f", 0.05 * (1 + i % 19));
    // The neuron is shape 0, so the cycle that holds stacked{i} starts with its callee.
    return SHAPES.get(shape)
        .replace("{i}", Integer.toString(i))
        .replace("{j}", Integer.toString(i - shape))
        .replace("{c}", constant);
  }
}
