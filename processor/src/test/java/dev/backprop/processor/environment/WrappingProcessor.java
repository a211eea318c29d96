package dev.backprop.processor.environment;

import java.util.Set;
import java.util.function.UnaryOperator;
import javax.annotation.processing.Completion;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Runs another processor the way a build tool does: it is handed a wrapped {@link
 * ProcessingEnvironment} (and, optionally, a wrapped {@link RoundEnvironment}) instead of
 * javac's own.
 */
class WrappingProcessor implements Processor {

  private final Processor delegate;
  private final UnaryOperator<ProcessingEnvironment> wrapEnvironment;
  private final UnaryOperator<RoundEnvironment> wrapRound;

  WrappingProcessor(Processor delegate, UnaryOperator<ProcessingEnvironment> wrapEnvironment) {
    this(delegate, wrapEnvironment, UnaryOperator.identity());
  }

  WrappingProcessor(
      Processor delegate,
      UnaryOperator<ProcessingEnvironment> wrapEnvironment,
      UnaryOperator<RoundEnvironment> wrapRound) {
    this.delegate = delegate;
    this.wrapEnvironment = wrapEnvironment;
    this.wrapRound = wrapRound;
  }

  @Override
  public Set<String> getSupportedOptions() {
    return delegate.getSupportedOptions();
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return delegate.getSupportedAnnotationTypes();
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return delegate.getSupportedSourceVersion();
  }

  @Override
  public void init(ProcessingEnvironment processingEnv) {
    delegate.init(wrapEnvironment.apply(processingEnv));
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
    return delegate.process(annotations, wrapRound.apply(roundEnv));
  }

  @Override
  public Iterable<? extends Completion> getCompletions(
      Element element, AnnotationMirror annotation, ExecutableElement member, String userText) {
    return delegate.getCompletions(element, annotation, member, userText);
  }
}
