package dev.backprop.processor.read;

import dev.backprop.processor.ir.GeneratedApi;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * Names of generated classes: {@code p.Outer.Inner} becomes {@code p.Outer_InnerGrad}. The rule
 * itself lives in {@link GeneratedApi#className}; this finds the names it is applied to.
 */
public final class GradientNames {

  private GradientNames() {}

  /** Simple name of the gradient class for {@code type}. */
  public static String simpleName(TypeElement type) {
    return GeneratedApi.className(nesting(type));
  }

  /** Package of {@code type}, empty for the unnamed package. */
  public static String packageName(TypeElement type) {
    Element e = type;
    while (e != null && e.getKind() != ElementKind.PACKAGE) {
      e = e.getEnclosingElement();
    }
    return e instanceof PackageElement pkg ? pkg.getQualifiedName().toString() : "";
  }

  /** Canonical name of the gradient class for {@code type}. */
  public static String qualifiedName(TypeElement type) {
    String pkg = packageName(type);
    return pkg.isEmpty() ? simpleName(type) : pkg + "." + simpleName(type);
  }

  /** The simple names of {@code type} and of what encloses it, outermost first. */
  static List<String> nesting(TypeElement type) {
    List<String> nesting = new ArrayList<>();
    for (Element e = type;
        e != null && e.getKind() != ElementKind.PACKAGE && e.getKind() != ElementKind.MODULE;
        e = e.getEnclosingElement()) {
      nesting.add(0, e.getSimpleName().toString());
    }
    return nesting;
  }
}
