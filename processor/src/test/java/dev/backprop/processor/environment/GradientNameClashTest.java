package dev.backprop.processor.environment;

import static dev.backprop.processor.environment.EnvironmentRegressionsTest.assertClearNameClashError;
import static dev.backprop.processor.environment.Fixtures.compile;
import static dev.backprop.processor.environment.Fixtures.source;

import com.google.testing.compile.Compilation;
import dev.backprop.processor.DifferentiableProcessor;
import org.junit.jupiter.api.Test;

/** A user's own class that has the gradient class's name gets a positioned error. */
class GradientNameClashTest {

  @Test
  void sourceClassWithTheGradientNameGetsAClearError() {
    Compilation compilation = compile(new DifferentiableProcessor(),
        Fixtures.circuits(),
        source("p.CircuitsGrad", """
            package p;

            final class CircuitsGrad {
              private CircuitsGrad() {}
            }
            """));

    assertClearNameClashError(compilation, "CircuitsGrad");
  }
}
