package dev.backprop.processor.differentiate;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.processor.check.Message;
import dev.backprop.processor.ir.MathFunction;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
  void everyMathMethodOfThisJdkIsInTheTable() {
    // run on each JDK the build supports (17 and 25): a function a later JDK adds fails here
    Set<String> missing = new TreeSet<>();
    for (Method m : Math.class.getMethods()) {
      boolean known = MathFunction.of(m.getName(), m.getParameterCount()).isPresent();
      if (Modifier.isStatic(m.getModifiers()) && !known && !m.getName().equals("random")) {
        missing.add(m.getName() + "/" + m.getParameterCount());
      }
    }
    assertEquals(Set.of(), missing);
  }

  @Test
  void aMathFunctionOfALaterJdkIsReportedWithTheSupportedOnes() {
    assertThat(Message.UNKNOWN_MATH_FUNCTION.format("Math.gamma")).startsWith(
        "[backprop:no-rule] Math.gamma has no derivative rule; supported: exp log log10 log1p");
  }

  @Test
  void everyMathFunctionIsFoundByItsJavaName() {
    for (MathFunction f : MathFunction.values()) {
      if (f == MathFunction.STOP_GRADIENT) {
        continue; // StopGradient.of, not a Math function
      }
      assertEquals(Optional.of(f), MathFunction.of(f.javaName(), f.arity()), f.name());
      assertTrue(MathFunction.supported().contains(f.javaName()), f.name());
    }
  }
}
