package dev.backprop.examples;

import dev.backprop.Differentiable;
import java.util.Random;

/**
 * Chapter 3, "example: practical neural network classifier": a network with one hidden layer of
 * {@link #HIDDEN} tanh neurons and a softmax output over the 3 species, trained on {@link Iris}
 * by full-batch gradient descent,
 *
 * <pre>
 *   h_j = tanh(b1_j + sum_k w1[j * D + k] * x_k)      (j = 0 .. H-1, D = 4 features)
 *   s_c = b2_c + sum_j w2[c * H + j] * h_j            (c = 0 .. K-1, K = 3 species)
 *   L   = 1/N sum_i -log softmax(s)_{y_i} + lambda/2 * (sum w1^2 + sum w2^2)
 * </pre>
 *
 * <p>The four parameter arrays are differentiated, so the processor writes {@code
 * IrisNetGrad.loss(x, y, w1, b1, w2, b2, lambda, dw1, db1, dw2, db2)}: the whole forward pass
 * over the dataset, then the backward pass, with the hidden activations of every example (the
 * local array {@code h}, overwritten example after example) saved on the tape and restored on
 * the way back.
 */
public final class IrisNet {

  /** Hidden neurons. */
  public static final int HIDDEN = 8;
  /** Seed of the train/test split. */
  public static final long SPLIT_SEED = 0;
  /** Held-out flowers per species (10 of each 50, so 120 train and 30 test). */
  public static final int TEST_PER_CLASS = 10;
  /** Seed of the initial weights. */
  public static final long INIT_SEED = 0;
  /** L2 regularization strength. */
  public static final double LAMBDA = 1e-3;
  /** Step size of gradient descent. */
  public static final double STEP_SIZE = 0.5;
  /** Epochs (full-batch steps). */
  public static final int EPOCHS = 300;

  private IrisNet() {}

  /** The network's parameters. */
  public record Parameters(double[] w1, double[] b1, double[] w2, double[] b2) {
    /** A network for {@code features} inputs, {@code hidden} neurons, {@code classes} outputs. */
    public static Parameters zeros(int features, int hidden, int classes) {
      return new Parameters(new double[hidden * features], new double[hidden],
          new double[classes * hidden], new double[classes]);
    }
  }

  /** Trained parameters and the training loss before each epoch and after the last. */
  public record Run(Parameters parameters, double[] losses) {}

  /** The mean softmax cross-entropy of the network on {@code x, y}, plus the L2 penalty. */
  @Differentiable(wrt = {"w1", "b1", "w2", "b2"})
  public static double loss(double[][] x, int[] y, double[] w1, double[] b1, double[] w2,
      double[] b2, double lambda) {
    double[] h = new double[b1.length];
    double[] scores = new double[b2.length];
    double loss = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < b1.length; j++) {
        double a = b1[j];
        for (int k = 0; k < x[i].length; k++) {
          a += w1[j * x[i].length + k] * x[i][k];
        }
        h[j] = Math.tanh(a);
      }
      for (int c = 0; c < b2.length; c++) {
        double s = b2[c];
        for (int j = 0; j < b1.length; j++) {
          s += w2[c * b1.length + j] * h[j];
        }
        scores[c] = s;
      }
      double max = scores[0];
      for (int c = 1; c < b2.length; c++) {
        max = Math.max(max, scores[c]);
      }
      double sum = 0;
      for (int c = 0; c < b2.length; c++) {
        sum += Math.exp(scores[c] - max);
      }
      loss += Math.log(sum) + max - scores[y[i]];
    }
    loss /= x.length;
    double squares = 0;
    for (int m = 0; m < w1.length; m++) {
      squares += w1[m] * w1[m];
    }
    for (int m = 0; m < w2.length; m++) {
      squares += w2[m] * w2[m];
    }
    return loss + lambda / 2 * squares;
  }

  /**
   * Initial parameters: weights Gaussian with standard deviation {@code 1 / sqrt(fan-in)} from
   * {@code Random(seed)} (first {@code w1}, then {@code w2}), biases 0.
   */
  public static Parameters initial(long seed, int features, int hidden, int classes) {
    Random random = new Random(seed);
    Parameters p = Parameters.zeros(features, hidden, classes);
    for (int m = 0; m < p.w1().length; m++) {
      p.w1()[m] = random.nextGaussian() / Math.sqrt(features);
    }
    for (int m = 0; m < p.w2().length; m++) {
      p.w2()[m] = random.nextGaussian() / Math.sqrt(hidden);
    }
    return p;
  }

  /** Full-batch gradient descent on the generated gradient, updating {@code p} in place. */
  public static Run train(
      Multiclass.Dataset data, Parameters p, double lambda, double stepSize, int epochs) {
    Parameters d = Parameters.zeros(
        data.x()[0].length, p.b1().length, p.b2().length);
    double[] losses = new double[epochs + 1];
    for (int epoch = 0; epoch < epochs; epoch++) {
      losses[epoch] = IrisNetGrad.loss(data.x(), data.y(), p.w1(), p.b1(), p.w2(), p.b2(),
          lambda, d.w1(), d.b1(), d.w2(), d.b2());
      step(p.w1(), d.w1(), stepSize);
      step(p.b1(), d.b1(), stepSize);
      step(p.w2(), d.w2(), stepSize);
      step(p.b2(), d.b2(), stepSize);
    }
    losses[epochs] = loss(data.x(), data.y(), p.w1(), p.b1(), p.w2(), p.b2(), lambda);
    return new Run(p, losses);
  }

  private static void step(double[] v, double[] dv, double stepSize) {
    for (int m = 0; m < v.length; m++) {
      v[m] -= stepSize * dv[m];
    }
  }

  /** One complete experiment: split, standardization, training and both accuracies. */
  public record Experiment(Iris.Split split, Parameters parameters, double[] losses,
      double trainAccuracy, double testAccuracy) {}

  /**
   * Loads {@link Iris}, splits it stratified with {@code splitSeed} ({@link #TEST_PER_CLASS}
   * held out per species), standardizes it, initializes with {@code initSeed} and trains
   * {@link #EPOCHS} epochs.
   */
  public static Experiment experiment(long splitSeed, long initSeed) {
    Iris.Split split = Iris.standardize(Iris.split(Iris.load(), splitSeed, TEST_PER_CLASS));
    Parameters p = initial(initSeed, Iris.FEATURES.size(), HIDDEN, Iris.SPECIES.size());
    Run run = train(split.train(), p, LAMBDA, STEP_SIZE, EPOCHS);
    return new Experiment(split, p, run.losses(), accuracy(split.train(), p),
        accuracy(split.test(), p));
  }

  /** The held-out accuracy of {@link #experiment} for split seeds {@code 0 .. splits-1}. */
  public static double[] heldOutAccuracies(int splits) {
    double[] accuracies = new double[splits];
    for (int s = 0; s < splits; s++) {
      accuracies[s] = experiment(s, INIT_SEED).testAccuracy();
    }
    return accuracies;
  }

  /** The species with the highest score for the (standardized) flower {@code xi}. */
  public static int predict(double[] xi, Parameters p) {
    int hidden = p.b1().length;
    double[] h = new double[hidden];
    for (int j = 0; j < hidden; j++) {
      double a = p.b1()[j];
      for (int k = 0; k < xi.length; k++) {
        a += p.w1()[j * xi.length + k] * xi[k];
      }
      h[j] = Math.tanh(a);
    }
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < p.b2().length; c++) {
      double s = p.b2()[c];
      for (int j = 0; j < hidden; j++) {
        s += p.w2()[c * hidden + j] * h[j];
      }
      if (s > bestScore) {
        bestScore = s;
        best = c;
      }
    }
    return best;
  }

  /** The fraction of {@code data}'s flowers that {@code p} classifies correctly. */
  public static double accuracy(Multiclass.Dataset data, Parameters p) {
    int correct = 0;
    for (int i = 0; i < data.x().length; i++) {
      if (predict(data.x()[i], p) == data.y()[i]) {
        correct++;
      }
    }
    return (double) correct / data.x().length;
  }
}
