package dev.backprop.processor.emit;

import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;

/**
 * One generated class: the gradients of the differentiable methods of one source class.
 *
 * @param packageName package of the source class (and of the generated one)
 * @param simpleName simple name of the generated class, e.g. {@code Outer_InnerGrad}
 * @param sourceClass canonical name of the source class
 * @param isPublic whether the source class is public
 * @param generatedAnnotation whether {@code javax.annotation.processing.Generated} is readable
 * @param methods the generated methods, in source order
 * @param shadowed the {@code java.lang} classes the generated code names ({@link #JAVA_LANG})
 *     that a class of the package shadows: the generated code names them in full
 * @param origin the source class, the one element the generated class depends on
 */
public record GradientClass(
    String packageName,
    String simpleName,
    String sourceClass,
    boolean isPublic,
    boolean generatedAnnotation,
    List<GeneratedMethods> methods,
    Set<String> shadowed,
    Element origin) {

  /** The {@code java.lang} classes generated code may name. */
  public static final Set<String> JAVA_LANG = Set.of("Math", "StrictMath", "Double", "Integer",
      "Long", "Float", "Short", "Byte", "Character", "Boolean", "String", "Object", "System",
      "Thread", "Runtime", "StringBuilder", "AssertionError", "Error", "RuntimeException",
      "IllegalArgumentException", "IllegalStateException", "ArithmeticException",
      "ArrayIndexOutOfBoundsException", "IndexOutOfBoundsException", "NullPointerException",
      "UnsupportedOperationException");

  public GradientClass {
    methods = List.copyOf(methods);
    shadowed = Set.copyOf(shadowed);
  }
}
