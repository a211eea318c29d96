package dev.backprop.processor.environment;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/** A round that hands out its elements in the reverse of javac's order. */
final class ReversedRound implements RoundEnvironment {

  private final RoundEnvironment delegate;

  ReversedRound(RoundEnvironment delegate) {
    this.delegate = delegate;
  }

  private static Set<? extends Element> reversed(Set<? extends Element> elements) {
    List<Element> list = new ArrayList<>(elements);
    Collections.reverse(list);
    return new LinkedHashSet<>(list);
  }

  @Override
  public boolean processingOver() {
    return delegate.processingOver();
  }

  @Override
  public boolean errorRaised() {
    return delegate.errorRaised();
  }

  @Override
  public Set<? extends Element> getRootElements() {
    return reversed(delegate.getRootElements());
  }

  @Override
  public Set<? extends Element> getElementsAnnotatedWith(TypeElement a) {
    return reversed(delegate.getElementsAnnotatedWith(a));
  }

  @Override
  public Set<? extends Element> getElementsAnnotatedWith(Class<? extends Annotation> a) {
    return reversed(delegate.getElementsAnnotatedWith(a));
  }

  @Override
  public Set<? extends Element> getElementsAnnotatedWithAny(TypeElement... annotations) {
    return reversed(delegate.getElementsAnnotatedWithAny(annotations));
  }

  @Override
  public Set<? extends Element> getElementsAnnotatedWithAny(
      Set<Class<? extends Annotation>> annotations) {
    return reversed(delegate.getElementsAnnotatedWithAny(annotations));
  }
}
