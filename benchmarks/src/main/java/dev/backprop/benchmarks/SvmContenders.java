package dev.backprop.benchmarks;

import dev.backprop.check.ScalarFunction;
import java.util.Arrays;
import java.util.Random;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Every contender for {@link Svm#cost} over a {@link Dataset}: each takes the weights
 * {@code w = [w0, w1, w2]}, writes the gradient {@code [dw0, dw1, dw2]} into {@code dw} and
 * returns the cost (except {@link #function}, the forward pass alone). The regularization
 * strength is the article's {@link #ALPHA}.
 */
public final class SvmContenders {

  /** The number of weights, all differentiated: {@code w0, w1} and the bias {@code w2}. */
  public static final int WEIGHTS = 3;

  /** The article's regularization strength. */
  public static final double ALPHA = 0.1;

  /** The seed of the benchmarks' datasets: every run times the same data. */
  public static final long SEED = 42;

  private SvmContenders() {}

  /**
   * {@code n} labelled 2-d points: two Gaussian clouds of standard deviation 3, centred at
   * {@code (2, 2)} for label {@code +1} and {@code (-2, -2)} for label {@code -1}, the labels
   * drawn at random. The clouds overlap, so at the benchmark weights some examples cost nothing
   * and others are inside the margin or misclassified: both sides of every hinge are on the path,
   * in an order the branch predictor cannot learn.
   */
  public static final class Dataset {

    final double[][] x;
    final int[] y;

    /** The cost as a function of the weights alone: what central differences perturb. */
    final ScalarFunction cost;

    Dataset(double[][] x, int[] y) {
      this.x = x;
      this.y = y;
      this.cost = w -> Svm.cost(x, y, w, ALPHA);
    }

    /** {@code n} examples drawn with the given seed. */
    public static Dataset random(int n, long seed) {
      Random random = new Random(seed);
      double[][] x = new double[n][];
      int[] y = new int[n];
      for (int i = 0; i < n; i++) {
        y[i] = random.nextBoolean() ? 1 : -1;
        x[i] = new double[] {2 * y[i] + 3 * random.nextGaussian(), 2 * y[i] + 3 * random.nextGaussian()};
      }
      return new Dataset(x, y);
    }

    /** The number of examples. */
    public int size() {
      return x.length;
    }
  }

  /** The benchmarks' weights: the article's example {@code w = [0.1, 0.2, 0.3]}. */
  public static double[] benchmarkWeights() {
    return new double[] {0.1, 0.2, 0.3};
  }

  /** (d) The forward function alone: the unit for the gradient/function ratio. */
  public static double function(Dataset d, double[] w) {
    return Svm.cost(d.x, d.y, w, ALPHA);
  }

  /** (a) The generated gradient, plain form: value and gradient in one call. */
  public static double generated(Dataset d, double[] w, double[] dw) {
    return SvmGrad.cost(d.x, d.y, w, ALPHA, dw);
  }

  /**
   * (b) The generated pullback, used as a caller outside generated code uses it: the cost from
   * the function, the gradient from {@code costPullback} with seed 1 into a zeroed {@code dw}.
   */
  public static double pullback(Dataset d, double[] w, double[] dw) {
    double cost = Svm.cost(d.x, d.y, w, ALPHA);
    Arrays.fill(dw, 0.0);
    SvmGrad.costPullback(d.x, d.y, w, ALPHA, 1, dw);
    return cost;
  }

  /**
   * (c) The backward pass written by hand, the way the article's training loop of chapter 2
   * writes it: each example computes its score and, if it costs anything, "pulls" on it (up for
   * a positive example, down for a negative one); the pull goes to the weights through the
   * score's multiply gates. Forward and backward share one pass over the data, which is what a
   * careful hand-writer does and the generated code, with its tape, does not.
   */
  public static double handWritten(Dataset d, double[] w, double[] dw) {
    double[][] x = d.x;
    int[] y = d.y;
    double alpha = ALPHA;
    double w0 = w[0];
    double w1 = w[1];
    double w2 = w[2];
    double totalCost = 0.0;
    double dw0 = 0;
    double dw1 = 0;
    double dw2 = 0;
    for (int i = 0; i < x.length; i++) {
      double[] xi = x[i];
      double score = w0 * xi[0] + w1 * xi[1] + w2;
      double costi = Math.max(0, -y[i] * score + 1);
      totalCost += costi;
      // backward: dcosti = 1 (a sum passes the gradient through); the hinge lets it through only
      // if the example costs something, and then the pull on the score is -y[i]
      double dscore = costi > 0 ? -y[i] : 0;
      dw0 += xi[0] * dscore;
      dw1 += xi[1] * dscore;
      dw2 += 1.0 * dscore;
    }
    // regularization cost: we want small weights
    double regCost = alpha * (w0 * w0 + w1 * w1);
    totalCost += regCost;
    // and its pull towards zero, proportional to the weight (the bias is not regularized)
    dw[0] = dw0 + 2 * alpha * w0;
    dw[1] = dw1 + 2 * alpha * w1;
    dw[2] = dw2;
    return totalCost;
  }

  /** (e) Central differences: 2 * 3 + 1 evaluations of the cost, each a pass over the data. */
  public static double numerical(Dataset d, double[] w, double[] dw) {
    return Numerical.valueAndGradient(d.cost, w, 0, dw);
  }

  /**
   * (f) An object per wire ({@link Value}), a graph over the whole dataset: a dozen wires per
   * example (the data and the constants are wires too, as micrograd wraps numbers), a topological
   * sort of all of them, then the closures in reverse. Allocation grows with the data; that is
   * what this contender shows.
   */
  public static double objectAutograd(Dataset d, double[] w, double[] dw) {
    Value w0 = new Value(w[0]);
    Value w1 = new Value(w[1]);
    Value w2 = new Value(w[2]);
    Value totalCost = new Value(0.0);
    for (int i = 0; i < d.x.length; i++) {
      double[] xi = d.x[i];
      Value score = w0.mul(new Value(xi[0])).add(w1.mul(new Value(xi[1]))).add(w2);
      Value costi = new Value(-d.y[i]).mul(score).add(new Value(1)).relu();
      totalCost = totalCost.add(costi);
    }
    Value regCost = new Value(ALPHA).mul(w0.mul(w0).add(w1.mul(w1)));
    totalCost = totalCost.add(regCost);
    totalCost.backward();
    dw[0] = w0.grad;
    dw[1] = w1.grad;
    dw[2] = w2.grad;
    return totalCost.data;
  }

  /**
   * (g) Hipparchus {@link Gradient}: forward mode, each intermediate carrying its value and its
   * 3 partial derivatives; the data enter as plain doubles.
   */
  public static double hipparchus(Dataset d, double[] w, double[] dw) {
    Gradient w0 = Gradient.variable(WEIGHTS, 0, w[0]);
    Gradient w1 = Gradient.variable(WEIGHTS, 1, w[1]);
    Gradient w2 = Gradient.variable(WEIGHTS, 2, w[2]);
    Gradient totalCost = Gradient.constant(WEIGHTS, 0.0);
    for (int i = 0; i < d.x.length; i++) {
      double[] xi = d.x[i];
      Gradient score = w0.multiply(xi[0]).add(w1.multiply(xi[1])).add(w2);
      Gradient costi = relu(score.multiply(-d.y[i]).add(1));
      totalCost = totalCost.add(costi);
    }
    Gradient regCost = w0.multiply(w0).add(w1.multiply(w1)).multiply(ALPHA);
    totalCost = totalCost.add(regCost);
    for (int i = 0; i < WEIGHTS; i++) {
      dw[i] = totalCost.getPartialDerivative(i);
    }
    return totalCost.getValue();
  }

  /** {@code max(0, z)} with the zero derivative at the kink, as {@code Math.max(0, z)} has. */
  private static Gradient relu(Gradient z) {
    return z.getValue() > 0 ? z : z.getField().getZero();
  }
}
