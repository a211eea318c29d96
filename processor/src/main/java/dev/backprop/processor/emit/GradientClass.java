package dev.backprop.processor.emit;

import java.util.List;
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
 * @param origin the source class, the one element the generated class depends on
 */
public record GradientClass(
    String packageName,
    String simpleName,
    String sourceClass,
    boolean isPublic,
    boolean generatedAnnotation,
    List<GeneratedMethods> methods,
    Element origin) {

  public GradientClass {
    methods = List.copyOf(methods);
  }
}
