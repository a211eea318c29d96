package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.check.GradientCheck;
import org.junit.jupiter.api.Test;

class LossTest {
  @Test
  void generatedGradientIsRight() {
    double[] grad = new double[3];
    double cost = LossGrad.hinge(1.2, 0.7, 1, 0.1, 0.2, 0.3, grad);
    assertEquals(0.44, cost, 1e-12);
    assertEquals(-1.2, grad[0], 1e-12);
    GradientCheck.of(
            w -> Loss.hinge(1.2, 0.7, 1, w[0], w[1], w[2]),
            (w, g) -> LossGrad.hinge(1.2, 0.7, 1, w[0], w[1], w[2], g))
        .assertAt(0.1, 0.2, 0.3);
    GradientCheck.of(
            w -> Loss.regularization(w[0], w[1]),
            (w, g) -> LossGrad.regularization(w[0], w[1], g))
        .assertAt(0.1, 0.2);
  }
}
