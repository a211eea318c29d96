package dev.backprop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;

/** The annotation's shape is public contract (DESIGN.md): pin it. */
class DifferentiableTest {

  @Test
  void retainedInClassFilesOnly() {
    // CLASS, not RUNTIME: the processor reads it from source; nothing needs it by reflection.
    assertEquals(
        RetentionPolicy.CLASS, Differentiable.class.getAnnotation(Retention.class).value());
  }

  @Test
  void appliesToMethodsOnly() {
    assertArrayEquals(
        new ElementType[] {ElementType.METHOD},
        Differentiable.class.getAnnotation(Target.class).value());
  }

  @Test
  void isDocumented() {
    assertTrue(Differentiable.class.isAnnotationPresent(Documented.class));
  }

  @Test
  void wrtDefaultsToEmptyMeaningEveryParameter() throws NoSuchMethodException {
    Object defaultValue = Differentiable.class.getDeclaredMethod("wrt").getDefaultValue();
    assertArrayEquals(new String[0], (String[]) defaultValue);
    assertEquals(1, Differentiable.class.getDeclaredMethods().length, "only wrt()");
  }
}
