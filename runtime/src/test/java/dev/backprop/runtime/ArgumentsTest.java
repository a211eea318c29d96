package dev.backprop.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The one-call checks a method with many arrays makes: the same refusals, naming the same two
 * arguments, as the checks of one pair each.
 */
class ArgumentsTest {

  private final double[] grad = new double[1];
  private final double[] dw = new double[2];
  private final double[] du = new double[2];
  private final double[] w = new double[2];
  private final double[] u = new double[2];
  private final double[][] x = {new double[2], new double[2]};

  private String refused(Runnable check) {
    return assertThrows(IllegalArgumentException.class, check::run).getMessage();
  }

  @Test
  void distinctArraysPass() {
    Arguments.distinct(new double[][] {grad, dw, du}, "grad, dw, du", new double[][] {w, u},
        "w, u");
    assertTrue(Arguments.notARowOf(new double[][] {grad, dw, du}, "grad, dw, du", x, "x"));
    assertTrue(Arguments.notARowOf(dw, x, "dw", "x"));
  }

  @Test
  void aGradientArrayThatIsAnotherArgumentIsNamed() {
    assertEquals("du must be another array than w: the gradient is written into du",
        refused(() -> Arguments.distinct(new double[][] {grad, dw, w}, "grad, dw, du",
            new double[][] {w, u}, "w, u")));
    assertEquals("dw must be another array than du: the gradient is written into dw",
        refused(() -> Arguments.distinct(new double[][] {grad, dw, dw}, "grad, dw, du",
            new double[][] {w, u}, "w, u")));
    assertEquals("dw must be another array than x[1]: the gradient is written into dw",
        refused(() -> Arguments.notARowOf(new double[][] {grad, x[1], du}, "grad, dw, du", x,
            "x")));
  }
}
