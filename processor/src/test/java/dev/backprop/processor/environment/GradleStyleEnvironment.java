package dev.backprop.processor.environment;

import java.util.Locale;
import java.util.Map;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Shaped like Gradle's {@code IncrementalProcessingEnvironment}: delegates everything to the
 * real environment, which it keeps in a private field named {@code delegate}, and hands out its
 * own {@link Filer} (Gradle's tracks the originating elements of generated files).
 */
final class GradleStyleEnvironment implements ProcessingEnvironment {

  private final ProcessingEnvironment delegate;
  private final Filer filer;

  GradleStyleEnvironment(ProcessingEnvironment delegate) {
    this(delegate, delegate.getFiler());
  }

  GradleStyleEnvironment(ProcessingEnvironment delegate, Filer filer) {
    this.delegate = delegate;
    this.filer = filer;
  }

  @Override
  public Map<String, String> getOptions() {
    return delegate.getOptions();
  }

  @Override
  public Messager getMessager() {
    return delegate.getMessager();
  }

  @Override
  public Filer getFiler() {
    return filer;
  }

  @Override
  public Elements getElementUtils() {
    return delegate.getElementUtils();
  }

  @Override
  public Types getTypeUtils() {
    return delegate.getTypeUtils();
  }

  @Override
  public SourceVersion getSourceVersion() {
    return delegate.getSourceVersion();
  }

  @Override
  public Locale getLocale() {
    return delegate.getLocale();
  }

  @Override
  public boolean isPreviewEnabled() {
    return delegate.isPreviewEnabled();
  }
}
