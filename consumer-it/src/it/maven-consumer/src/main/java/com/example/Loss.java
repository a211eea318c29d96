package com.example;

import dev.backprop.Differentiable;

/** A user's objective: the article's SVM cost of one example plus a regulariser. */
public final class Loss {
  private Loss() {}

  @Differentiable(wrt = {"w0", "w1", "w2"})
  public static double hinge(double x0, double x1, int y, double w0, double w1, double w2) {
    double score = w0 * x0 + w1 * x1 + w2;
    return Math.max(0, -y * score + 1);
  }

  @Differentiable
  public static double regularization(double w0, double w1) {
    return 0.1 * (w0 * w0 + w1 * w1);
  }
}
