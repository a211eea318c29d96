package dev.backprop.examples;

import dev.backprop.Differentiable;
import java.util.Random;

/**
 * Chapter 3, "multiclass: structured SVM" and "multiclass: logistic regression, softmax": two
 * linear classifiers for {@code K} classes that share the score function
 *
 * <pre>
 *   s_k = b_k + sum_j w[k * D + j] * x_j        (k = 0 .. K-1, D = 2 features here)
 * </pre>
 *
 * <p>and differ only in the loss, averaged over the {@code N} examples plus the L2 penalty
 * {@code lambda * sum w^2} (biases not regularized):
 *
 * <ul>
 *   <li>{@link #svmLoss}, the Weston-Watkins multiclass hinge: every wrong class whose score
 *       comes within the margin 1 of the correct one adds {@code max(0, s_k - s_y + 1)};
 *   <li>{@link #softmaxLoss}, the cross-entropy of the softmax probabilities,
 *       {@code -log(exp(s_y) / sum_k exp(s_k))}, computed as {@code log(sum_k exp(s_k - m)) + m -
 *       s_y} with {@code m = max_k s_k} so that no {@code exp} overflows.
 * </ul>
 *
 * <p>The weights are one flat {@code double[] w} of {@code K * D} entries (row {@code k} holds
 * class {@code k}'s weights) and the biases a {@code double[] b} of {@code K}; both are
 * differentiated, so the processor writes {@code MulticlassGrad.svmLoss(x, y, w, b, lambda, dw,
 * db)}, overwriting {@code dw} and {@code db}. The data is a synthetic 2-d, 3-class set of
 * Gaussian blobs from {@link #blobs}; {@link #train} is plain full-batch gradient descent.
 */
public final class Multiclass {

  /** Seed of the synthetic dataset. */
  public static final long DATA_SEED = 0;
  /** Number of classes. */
  public static final int CLASSES = 3;
  /** Points per class. */
  public static final int PER_CLASS = 40;
  /** Distance of each blob's centre from the origin. */
  public static final double RADIUS = 2;
  /** Standard deviation of each blob around its centre, per coordinate. */
  public static final double SPREAD = 0.9;
  /** L2 regularization strength of both losses. */
  public static final double LAMBDA = 1e-3;
  /** Step size of gradient descent. */
  public static final double STEP_SIZE = 0.5;
  /** Epochs (full-batch steps) of gradient descent. */
  public static final int EPOCHS = 200;

  private Multiclass() {}

  /** A labelled dataset: {@code x[i]} is a point, {@code y[i]} its class in {@code 0 .. K-1}. */
  public record Dataset(double[][] x, int[] y) {}

  /** A trained linear classifier and the loss before each epoch and after the last. */
  public record Model(double[] w, double[] b, double[] losses) {}

  /** The multiclass SVM loss (Weston-Watkins hinge, margin 1) with L2 regularization. */
  @Differentiable(wrt = {"w", "b"})
  public static double svmLoss(double[][] x, int[] y, double[] w, double[] b, double lambda) {
    double[] scores = new double[b.length];
    double loss = 0;
    for (int i = 0; i < x.length; i++) {
      for (int k = 0; k < b.length; k++) {
        double s = b[k];
        for (int j = 0; j < x[i].length; j++) {
          s += w[k * x[i].length + j] * x[i][j];
        }
        scores[k] = s;
      }
      for (int k = 0; k < b.length; k++) {
        if (k != y[i]) {
          loss += Math.max(0, scores[k] - scores[y[i]] + 1);
        }
      }
    }
    loss /= x.length;
    for (int m = 0; m < w.length; m++) {
      loss += lambda * w[m] * w[m];
    }
    return loss;
  }

  /** The softmax cross-entropy loss (with the max shift) with L2 regularization. */
  @Differentiable(wrt = {"w", "b"})
  public static double softmaxLoss(
      double[][] x, int[] y, double[] w, double[] b, double lambda) {
    double[] scores = new double[b.length];
    double loss = 0;
    for (int i = 0; i < x.length; i++) {
      for (int k = 0; k < b.length; k++) {
        double s = b[k];
        for (int j = 0; j < x[i].length; j++) {
          s += w[k * x[i].length + j] * x[i][j];
        }
        scores[k] = s;
      }
      double max = scores[0];
      for (int k = 1; k < b.length; k++) {
        max = Math.max(max, scores[k]);
      }
      double sum = 0;
      for (int k = 0; k < b.length; k++) {
        sum += Math.exp(scores[k] - max);
      }
      loss += Math.log(sum) + max - scores[y[i]];
    }
    loss /= x.length;
    for (int m = 0; m < w.length; m++) {
      loss += lambda * w[m] * w[m];
    }
    return loss;
  }

  /**
   * {@code perClass} points for each of {@link #CLASSES} classes: class {@code k}'s points are
   * Gaussian (standard deviation {@link #SPREAD} per coordinate) around the point at distance
   * {@link #RADIUS} from the origin at angle {@code 90 + 120 k} degrees. The blobs overlap a
   * little, so a linear classifier cannot get every point right.
   */
  public static Dataset blobs(long seed, int perClass) {
    Random random = new Random(seed);
    double[][] x = new double[CLASSES * perClass][];
    int[] y = new int[CLASSES * perClass];
    for (int i = 0; i < x.length; i++) {
      int k = i % CLASSES;
      double angle = Math.toRadians(90 + 120 * k);
      x[i] = new double[] {
        RADIUS * Math.cos(angle) + SPREAD * random.nextGaussian(),
        RADIUS * Math.sin(angle) + SPREAD * random.nextGaussian()
      };
      y[i] = k;
    }
    return new Dataset(x, y);
  }

  /** The generated value and gradient of one of the two losses. */
  @FunctionalInterface
  public interface LossGradient {
    /** The loss; overwrites {@code dw} and {@code db} with its gradient. */
    double valueAndGradient(
        double[][] x, int[] y, double[] w, double[] b, double lambda, double[] dw, double[] db);
  }

  /** The generated gradient of {@link #svmLoss}. */
  public static final LossGradient SVM = MulticlassGrad::svmLoss;

  /** The generated gradient of {@link #softmaxLoss}. */
  public static final LossGradient SOFTMAX = MulticlassGrad::softmaxLoss;

  /**
   * Full-batch gradient descent from all-zero weights and biases: {@code epochs} times
   * {@code w -= stepSize * dw, b -= stepSize * db}.
   */
  public static Model train(
      LossGradient loss, Dataset data, double lambda, double stepSize, int epochs) {
    int features = data.x()[0].length;
    double[] w = new double[CLASSES * features];
    double[] b = new double[CLASSES];
    double[] dw = new double[w.length];
    double[] db = new double[b.length];
    double[] losses = new double[epochs + 1];
    for (int epoch = 0; epoch <= epochs; epoch++) {
      losses[epoch] = loss.valueAndGradient(data.x(), data.y(), w, b, lambda, dw, db);
      if (epoch == epochs) {
        break;
      }
      for (int m = 0; m < w.length; m++) {
        w[m] -= stepSize * dw[m];
      }
      for (int k = 0; k < b.length; k++) {
        b[k] -= stepSize * db[k];
      }
    }
    return new Model(w, b, losses);
  }

  /** The class with the highest score (the first of equal ones). */
  public static int predict(double[] xi, double[] w, double[] b) {
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < b.length; k++) {
      double s = b[k];
      for (int j = 0; j < xi.length; j++) {
        s += w[k * xi.length + j] * xi[j];
      }
      if (s > bestScore) {
        bestScore = s;
        best = k;
      }
    }
    return best;
  }

  /** The fraction of {@code data}'s points that {@code (w, b)} classifies correctly. */
  public static double accuracy(Dataset data, double[] w, double[] b) {
    int correct = 0;
    for (int i = 0; i < data.x().length; i++) {
      if (predict(data.x()[i], w, b) == data.y()[i]) {
        correct++;
      }
    }
    return (double) correct / data.x().length;
  }
}
