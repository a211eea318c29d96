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
 * Stands in for Eclipse's compiler (ECJ): a working {@link ProcessingEnvironment} that is not
 * javac's, is not a proxy, and keeps no {@code ProcessingEnvironment} inside that could be
 * unwrapped, only the individual utilities (as ECJ's {@code BaseProcessingEnvImpl} does). The
 * compiler tree API cannot be had from it.
 */
final class EcjStyleEnvironment implements ProcessingEnvironment {

  private final Map<String, String> options;
  private final Messager messager;
  private final Filer filer;
  private final Elements elements;
  private final Types types;
  private final SourceVersion sourceVersion;
  private final Locale locale;

  EcjStyleEnvironment(ProcessingEnvironment javac) {
    this(javac, javac.getFiler());
  }

  EcjStyleEnvironment(ProcessingEnvironment javac, Filer filer) {
    this.options = javac.getOptions();
    this.messager = javac.getMessager();
    this.filer = filer;
    this.elements = javac.getElementUtils();
    this.types = javac.getTypeUtils();
    this.sourceVersion = javac.getSourceVersion();
    this.locale = javac.getLocale();
  }

  @Override
  public Map<String, String> getOptions() {
    return options;
  }

  @Override
  public Messager getMessager() {
    return messager;
  }

  @Override
  public Filer getFiler() {
    return filer;
  }

  @Override
  public Elements getElementUtils() {
    return elements;
  }

  @Override
  public Types getTypeUtils() {
    return types;
  }

  @Override
  public SourceVersion getSourceVersion() {
    return sourceVersion;
  }

  @Override
  public Locale getLocale() {
    return locale;
  }
}
