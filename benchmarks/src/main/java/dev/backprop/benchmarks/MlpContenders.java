package dev.backprop.benchmarks;

import java.util.Arrays;
import java.util.Random;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Every contender for {@link Mlp#loss} on a {@link Batch}: each takes the parameters
 * {@code w = {w1, b1, w2, b2}}, writes the gradient into {@code dw = {dw1, db1, dw2, db2}} (the
 * same shapes) and returns the loss (except {@link #function}, the forward pass alone).
 */
public final class MlpContenders {

  /** The lengths of {@code w1, b1, w2, b2}. */
  public static final int[] SIZES = {
    Mlp.HIDDEN * Mlp.INPUTS, Mlp.HIDDEN, Mlp.CLASSES * Mlp.HIDDEN, Mlp.CLASSES
  };

  /** The number of parameters, all differentiated: 4 * 64 + 64 + 64 * 3 + 3 = 515. */
  public static final int PARAMETERS = Arrays.stream(SIZES).sum();

  /** The seed of the benchmark's batch and parameters. */
  public static final long SEED = 42;

  private MlpContenders() {}

  /** A minibatch: {@code x[n]} has {@link Mlp#INPUTS} features, {@code y[n]} is its class. */
  public static final class Batch {

    final double[][] x;
    final int[] y;

    Batch(double[][] x, int[] y) {
      this.x = x;
      this.y = y;
    }

    /** {@code size} examples, standard normal features and uniform classes, from {@code random}. */
    public static Batch random(Random random, int size) {
      double[][] x = new double[size][Mlp.INPUTS];
      int[] y = new int[size];
      for (int n = 0; n < size; n++) {
        for (int i = 0; i < Mlp.INPUTS; i++) {
          x[n][i] = random.nextGaussian();
        }
        y[n] = random.nextInt(Mlp.CLASSES);
      }
      return new Batch(x, y);
    }

    /** The number of examples. */
    public int size() {
      return x.length;
    }
  }

  /**
   * Gaussian parameters {@code {w1, b1, w2, b2}} from {@code random}, of standard deviations
   * 0.5, 0.1, 0.2 and 0.1: the hidden units neither saturate nor all sit in the linear middle.
   */
  public static double[][] randomParameters(Random random) {
    double[] scales = {0.5, 0.1, 0.2, 0.1};
    double[][] w = new double[SIZES.length][];
    for (int a = 0; a < SIZES.length; a++) {
      w[a] = new double[SIZES[a]];
      for (int i = 0; i < SIZES[a]; i++) {
        w[a][i] = scales[a] * random.nextGaussian();
      }
    }
    return w;
  }

  /** Zeroed arrays of the shapes of {@code w}: a gradient buffer. */
  public static double[][] zerosLike(double[][] w) {
    double[][] zeros = new double[w.length][];
    for (int a = 0; a < w.length; a++) {
      zeros[a] = new double[w[a].length];
    }
    return zeros;
  }

  /**
   * The hand-written pass's working arrays, held by its caller and reused from call to call, as
   * the generated code reuses its per-thread tape.
   */
  public static final class Scratch {
    final double[] hidden = new double[Mlp.HIDDEN];
    final double[] scores = new double[Mlp.CLASSES];
  }

  /** (d) The forward function alone: the unit for the gradient/function ratio. */
  public static double function(Batch b, double[][] w) {
    return Mlp.loss(b.x, b.y, w[0], w[1], w[2], w[3]);
  }

  /** (a) The generated gradient, plain form: value and gradient in one call. */
  public static double generated(Batch b, double[][] w, double[][] dw) {
    return MlpGrad.loss(b.x, b.y, w[0], w[1], w[2], w[3], dw[0], dw[1], dw[2], dw[3]);
  }

  /**
   * (b) The generated pullback, used as a caller outside generated code uses it: the loss from
   * the function, the gradient from {@code lossPullback} with seed 1 into zeroed arrays.
   */
  public static double pullback(Batch b, double[][] w, double[][] dw) {
    double loss = Mlp.loss(b.x, b.y, w[0], w[1], w[2], w[3]);
    for (double[] d : dw) {
      Arrays.fill(d, 0.0);
    }
    MlpGrad.lossPullback(b.x, b.y, w[0], w[1], w[2], w[3], 1, dw[0], dw[1], dw[2], dw[3]);
    return loss;
  }

  /**
   * (c) A careful hand-written backward pass: one pass over the batch, each example's forward
   * sweep followed at once by its backward sweep, so nothing is kept from one example to the
   * next. It uses the textbook results rather than the chain rule gate by gate: the gradient of
   * softmax cross-entropy with respect to the scores is {@code p - onehot(y)} (the max shift
   * cancels out), and {@code tanh' = 1 - tanh^2} from the saved activations. No allocation: the
   * activations and scores live in {@code scratch}.
   */
  public static double handWritten(Batch b, double[][] w, double[][] dw, Scratch scratch) {
    double[][] x = b.x;
    int[] y = b.y;
    double[] w1 = w[0];
    double[] b1 = w[1];
    double[] w2 = w[2];
    double[] b2 = w[3];
    double[] dw1 = dw[0];
    double[] db1 = dw[1];
    double[] dw2 = dw[2];
    double[] db2 = dw[3];
    double[] h = scratch.hidden;
    double[] scores = scratch.scores;
    int hidden = b1.length;
    int classes = b2.length;
    Arrays.fill(dw1, 0.0);
    Arrays.fill(db1, 0.0);
    Arrays.fill(dw2, 0.0);
    Arrays.fill(db2, 0.0);
    double dtotal = 1.0 / x.length; // the loss is the mean: total / x.length
    double total = 0;
    for (int n = 0; n < x.length; n++) {
      double[] xn = x[n];
      int inputs = xn.length;
      // forward: hidden layer
      for (int j = 0; j < hidden; j++) {
        double s = b1[j];
        for (int i = 0; i < inputs; i++) {
          s += w1[j * inputs + i] * xn[i];
        }
        h[j] = Math.tanh(s);
      }
      // scores, and their max for a softmax that cannot overflow
      double max = 0;
      for (int k = 0; k < classes; k++) {
        double s = b2[k];
        for (int j = 0; j < hidden; j++) {
          s += w2[k * hidden + j] * h[j];
        }
        scores[k] = s;
        if (k == 0 || s > max) {
          max = s;
        }
      }
      double correct = scores[y[n]];
      double sum = 0;
      for (int k = 0; k < classes; k++) {
        double e = Math.exp(scores[k] - max);
        scores[k] = e; // the scores are not needed any more: keep the exponentials instead
        sum += e;
      }
      total += Math.log(sum) + max - correct;

      // backward: dscore[k] = (softmax[k] - [k == y]) * dtotal, in place of the exponentials
      for (int k = 0; k < classes; k++) {
        double dscore = (scores[k] / sum - (k == y[n] ? 1 : 0)) * dtotal;
        scores[k] = dscore;
        db2[k] += dscore;
      }
      // through the output layer to w2 and to each hidden unit, then through its tanh
      for (int j = 0; j < hidden; j++) {
        double hj = h[j];
        double dh = 0;
        for (int k = 0; k < classes; k++) {
          dw2[k * hidden + j] += hj * scores[k];
          dh += w2[k * hidden + j] * scores[k];
        }
        double ds = (1 - hj * hj) * dh;
        db1[j] += ds;
        for (int i = 0; i < inputs; i++) {
          dw1[j * inputs + i] += xn[i] * ds;
        }
      }
    }
    return total / x.length;
  }

  /**
   * (e) Central differences: 2 * 515 + 1 evaluations of the loss, the parameters perturbed in
   * place.
   */
  public static double numerical(Batch b, double[][] w, double[][] dw) {
    return Numerical.valueAndGradient(() -> Mlp.loss(b.x, b.y, w[0], w[1], w[2], w[3]), w, dw);
  }

  /**
   * (f) An object per wire ({@link Value}): about 1 200 wires per example (every multiply and add
   * of both layers, the inputs and the constants too), sorted and run backwards. The max shift of
   * the log-sum-exp is read off the scores' values and enters as a constant: softmax is
   * shift-invariant, so no gradient flows through it, and the value is the loss's.
   */
  public static double objectAutograd(Batch b, double[][] w, double[][] dw) {
    Value[][] p = new Value[w.length][];
    for (int a = 0; a < w.length; a++) {
      p[a] = new Value[w[a].length];
      for (int i = 0; i < w[a].length; i++) {
        p[a][i] = new Value(w[a][i]);
      }
    }
    Value[] w1 = p[0];
    Value[] b1 = p[1];
    Value[] w2 = p[2];
    Value[] b2 = p[3];
    int hidden = b1.length;
    int classes = b2.length;
    Value total = new Value(0.0);
    for (int n = 0; n < b.x.length; n++) {
      double[] xn = b.x[n];
      int inputs = xn.length;
      Value[] h = new Value[hidden];
      for (int j = 0; j < hidden; j++) {
        Value s = b1[j];
        for (int i = 0; i < inputs; i++) {
          s = s.add(w1[j * inputs + i].mul(new Value(xn[i])));
        }
        h[j] = s.tanh();
      }
      Value[] scores = new Value[classes];
      double max = 0;
      for (int k = 0; k < classes; k++) {
        Value s = b2[k];
        for (int j = 0; j < hidden; j++) {
          s = s.add(w2[k * hidden + j].mul(h[j]));
        }
        scores[k] = s;
        if (k == 0 || s.data > max) {
          max = s.data;
        }
      }
      Value shift = new Value(max);
      Value sum = new Value(0.0);
      for (int k = 0; k < classes; k++) {
        sum = sum.add(scores[k].sub(shift).exp());
      }
      total = total.add(sum.log().add(shift).sub(scores[b.y[n]]));
    }
    Value loss = total.mul(new Value(1.0 / b.x.length));
    loss.backward();
    for (int a = 0; a < w.length; a++) {
      for (int i = 0; i < w[a].length; i++) {
        dw[a][i] = p[a][i].grad;
      }
    }
    return loss.data;
  }

  /**
   * (g) Hipparchus {@link Gradient} with 515 variables: forward mode, every intermediate carrying
   * its value and all 515 partial derivatives (a new {@code double[515]} per operation); the
   * inputs enter as plain doubles, the max shift as a constant.
   */
  public static double hipparchus(Batch b, double[][] w, double[][] dw) {
    Gradient[][] p = new Gradient[w.length][];
    int variable = 0;
    for (int a = 0; a < w.length; a++) {
      p[a] = new Gradient[w[a].length];
      for (int i = 0; i < w[a].length; i++) {
        p[a][i] = Gradient.variable(PARAMETERS, variable++, w[a][i]);
      }
    }
    Gradient[] w1 = p[0];
    Gradient[] b1 = p[1];
    Gradient[] w2 = p[2];
    Gradient[] b2 = p[3];
    int hidden = b1.length;
    int classes = b2.length;
    Gradient total = Gradient.constant(PARAMETERS, 0.0);
    for (int n = 0; n < b.x.length; n++) {
      double[] xn = b.x[n];
      int inputs = xn.length;
      Gradient[] h = new Gradient[hidden];
      for (int j = 0; j < hidden; j++) {
        Gradient s = b1[j];
        for (int i = 0; i < inputs; i++) {
          s = s.add(w1[j * inputs + i].multiply(xn[i]));
        }
        h[j] = s.tanh();
      }
      Gradient[] scores = new Gradient[classes];
      double max = 0;
      for (int k = 0; k < classes; k++) {
        Gradient s = b2[k];
        for (int j = 0; j < hidden; j++) {
          s = s.add(w2[k * hidden + j].multiply(h[j]));
        }
        scores[k] = s;
        if (k == 0 || s.getValue() > max) {
          max = s.getValue();
        }
      }
      Gradient sum = Gradient.constant(PARAMETERS, 0.0);
      for (int k = 0; k < classes; k++) {
        sum = sum.add(scores[k].subtract(max).exp());
      }
      total = total.add(sum.log().add(max).subtract(scores[b.y[n]]));
    }
    Gradient loss = total.divide(b.x.length);
    variable = 0;
    for (int a = 0; a < w.length; a++) {
      for (int i = 0; i < w[a].length; i++) {
        dw[a][i] = loss.getPartialDerivative(variable++);
      }
    }
    return loss.getValue();
  }
}
