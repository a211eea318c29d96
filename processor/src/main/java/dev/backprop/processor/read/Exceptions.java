package dev.backprop.processor.read;

import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;

/**
 * Which exceptions are checked: the generated methods declare none, so they call no method that
 * declares one, and throw only unchecked ones.
 */
final class Exceptions {

  private Exceptions() {}

  /** The checked exceptions {@code method} declares, by name. */
  static List<String> checked(ExecutableElement method) {
    return method.getThrownTypes().stream()
        .filter(t -> !(t instanceof DeclaredType d && d.asElement() instanceof TypeElement e
            && unchecked(e)))
        .map(t -> t.toString())
        .toList();
  }

  /**
   * {@code Owner.method declares java.io.IOException}, what a message says of a call of
   * {@code method}, or null when it declares no checked exception.
   */
  static String declaredBy(ExecutableElement method) {
    List<String> checked = checked(method);
    return checked.isEmpty() ? null : method.getEnclosingElement().getSimpleName() + "."
        + method.getSimpleName() + " declares " + String.join(", ", checked);
  }

  /** Whether {@code type} extends {@code RuntimeException} or {@code Error}. */
  static boolean unchecked(TypeElement type) {
    for (TypeElement t = type; t != null; ) {
      String name = t.getQualifiedName().toString();
      if (name.equals("java.lang.RuntimeException") || name.equals("java.lang.Error")) {
        return true;
      }
      t = t.getSuperclass() instanceof DeclaredType parent
          && parent.asElement() instanceof TypeElement e ? e : null;
    }
    return false;
  }
}
