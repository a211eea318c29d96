package dev.backprop.processor.differentiate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.processor.ir.MathFunction;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The rule table is complete: a {@link MathFunction} added without a derivative rule fails the
 * build here, not a user's compilation with an internal error.
 */
class RulesTest {

  @Test
  void everyMathFunctionHasARule() {
    List<MathFunction> missing = Arrays.stream(MathFunction.values())
        .filter(f -> !Rules.has(f)).toList();
    assertEquals(List.of(), missing);
  }

  @Test
  void everyMathFunctionIsFoundByItsJavaName() {
    for (MathFunction f : MathFunction.values()) {
      assertEquals(Optional.of(f), MathFunction.of(f.javaName(), f.arity()), f.name());
      assertTrue(MathFunction.supported().contains(f.javaName()), f.name());
    }
  }
}
