package dev.backprop.processor.read;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/** What a method's {@code @Differentiable} annotation and signature say about it, by element. */
final class Annotations {

  private Annotations() {}

  /** Key of a method among all differentiable methods: class, name and parameter types. */
  static String keyOf(ExecutableElement method) {
    StringBuilder key = new StringBuilder();
    key.append(((TypeElement) method.getEnclosingElement()).getQualifiedName())
        .append('#')
        .append(method.getSimpleName())
        .append('(');
    for (VariableElement p : method.getParameters()) {
      key.append(p.asType()).append(',');
    }
    return key.append(')').toString();
  }

  /** The {@code wrt} names of a method's annotation, or null if it is not annotated. */
  static List<String> wrtOf(ExecutableElement method) {
    for (AnnotationMirror mirror : method.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (!type.getQualifiedName().contentEquals(MethodReader.ANNOTATION)) {
        continue;
      }
      List<String> wrt = new ArrayList<>();
      mirror.getElementValues().forEach((name, value) -> {
        if (name.getSimpleName().contentEquals("wrt")
            && value.getValue() instanceof List<?> items) {
          for (Object item : items) {
            wrt.add(String.valueOf(((AnnotationValue) item).getValue()));
          }
        }
      });
      return wrt;
    }
    return null;
  }
}
