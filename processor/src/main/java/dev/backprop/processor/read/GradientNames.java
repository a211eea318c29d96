package dev.backprop.processor.read;

import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/** Names of generated classes: {@code p.Outer.Inner} becomes {@code p.Outer_InnerGrad}. */
public final class GradientNames {

  private GradientNames() {}

  /** Simple name of the gradient class for {@code type}. */
  public static String simpleName(TypeElement type) {
    StringBuilder name = new StringBuilder(type.getSimpleName());
    for (Element e = type.getEnclosingElement();
        e != null && e.getKind() != ElementKind.PACKAGE && e.getKind() != ElementKind.MODULE;
        e = e.getEnclosingElement()) {
      name.insert(0, e.getSimpleName() + "_");
    }
    return name + "Grad";
  }

  /** Package of {@code type}, empty for the unnamed package. */
  public static String packageName(TypeElement type) {
    Element e = type;
    while (e != null && e.getKind() != ElementKind.PACKAGE) {
      e = e.getEnclosingElement();
    }
    return e == null ? "" : ((PackageElement) e).getQualifiedName().toString();
  }

  /** Canonical name of the gradient class for {@code type}. */
  public static String qualifiedName(TypeElement type) {
    String pkg = packageName(type);
    return pkg.isEmpty() ? simpleName(type) : pkg + "." + simpleName(type);
  }
}
