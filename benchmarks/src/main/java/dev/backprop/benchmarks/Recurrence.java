package dev.backprop.benchmarks;

import dev.backprop.Differentiable;

/**
 * A one-unit recurrent network run over a long series, the loss of its predictions of each next
 * value,
 *
 * <pre>
 *   h_t = tanh(w_0 h_{t-1} + w_1 x_t + w_2),   loss = sum_t (w_3 h_t - x_{t+1})^2,
 * </pre>
 *
 * <p>a loop whose iterations depend on the one before, so it cannot run each backward iteration
 * right after its forward one: the backward sweep needs every {@code h_t}. Over a long series it
 * is the case for checkpoints (README, "Loops"). The processor writes {@code RecurrenceGrad}.
 */
public final class Recurrence {

  private Recurrence() {}

  /** The squared error of the predictions {@code w_3 h_t} of {@code x_{t+1}}. */
  @Differentiable(wrt = "w")
  public static double loss(double[] w, double[] series) {
    double h = 0;
    double loss = 0;
    for (int t = 0; t < series.length - 1; t++) {
      h = Math.tanh(w[0] * h + w[1] * series[t] + w[2]);
      double e = w[3] * h - series[t + 1];
      loss += e * e;
    }
    return loss;
  }
}
