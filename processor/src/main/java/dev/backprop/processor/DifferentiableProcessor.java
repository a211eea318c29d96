package dev.backprop.processor;

import com.google.auto.service.AutoService;
import dev.backprop.processor.check.ActivityCheck;
import dev.backprop.processor.check.CallGraph;
import dev.backprop.processor.check.Message;
import dev.backprop.processor.check.MethodChecker;
import dev.backprop.processor.check.PullbackChecker;
import dev.backprop.processor.check.SignatureClashes;
import dev.backprop.processor.differentiate.Differentiator;
import dev.backprop.processor.emit.GeneratedMethods;
import dev.backprop.processor.emit.GradientClass;
import dev.backprop.processor.emit.GradientClassWriter;
import dev.backprop.processor.ir.Method;
import dev.backprop.processor.ir.PullbackRegistration;
import dev.backprop.processor.ir.Reporter;
import dev.backprop.processor.ir.Type;
import dev.backprop.processor.read.CompilerTrees;
import dev.backprop.processor.read.GradientNames;
import dev.backprop.processor.read.MethodReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * Writes the gradient class of every class with {@code @Differentiable} methods. Only
 * orchestrates: read, check, differentiate and emit each live in their own package. Never throws
 * out of {@link #process}; a method that cannot be differentiated gets an error at its source
 * and no generated code, the others are generated as usual. Also checks every {@code @PullbackOf}
 * registration, which generates nothing.
 */
@AutoService(Processor.class)
public final class DifferentiableProcessor extends AbstractProcessor {

  private static final String GENERATED = "javax.annotation.processing.Generated";

  private Optional<CompilerTrees> trees = Optional.empty();
  private boolean reportedNoTrees;

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    trees = CompilerTrees.of(env);
  }

  /**
   * Ours ({@code @Differentiable}, {@code @PullbackOf}), and {@code @Generated}: the generated classes carry it, and an annotation no
   * processor claims is a -Xlint:processing warning that breaks {@code -Werror} builds.
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(MethodReader.ANNOTATION, MethodReader.PULLBACK_ANNOTATION, GENERATED);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    TypeElement annotation =
        processingEnv.getElementUtils().getTypeElement(MethodReader.ANNOTATION);
    if (annotation == null || round.processingOver()) {
      return false;
    }
    List<ExecutableElement> methods =
        new ArrayList<>(ElementFilter.methodsIn(round.getElementsAnnotatedWith(annotation)));
    if (trees.isEmpty()) {
      if (!methods.isEmpty() && !reportedNoTrees) {
        reportedNoTrees = true;
        processingEnv.getMessager().printMessage(
            Diagnostic.Kind.ERROR, Message.NO_TREE_API.format(), methods.get(0));
      }
      return true;
    }
    // deep expressions need a deep stack (see DeepStack)
    DeepStack.run(() -> {
      reportHiddenMethods(round);
      checkRegistrations(round);
      if (methods.isEmpty()) {
        return;
      }
      try {
        processMethods(methods);
      } catch (RuntimeException | StackOverflowError bug) {
        processingEnv.getMessager().printMessage(
            Diagnostic.Kind.ERROR, Message.INTERNAL_ERROR.format(bug), methods.get(0));
      }
    });
    // Claim what we support (see getSupportedAnnotationTypes).
    return true;
  }

  /** Annotated methods of local and anonymous classes, which javac does not hand to us. */
  private void reportHiddenMethods(RoundEnvironment round) {
    MethodReader reader = trees.get().reader(e -> false);
    for (Element root : round.getRootElements()) {
      try {
        for (var position : reader.annotatedInLocalClasses(root)) {
          reader.reporter().error(position, Message.LOCAL_CLASS_METHOD.format());
        }
        for (var position : reader.registrationsInLocalClasses(root)) {
          reader.reporter().error(position, Message.LOCAL_CLASS_PULLBACK.format());
        }
      } catch (RuntimeException | StackOverflowError bug) {
        processingEnv.getMessager().printMessage(
            Diagnostic.Kind.ERROR, Message.INTERNAL_ERROR.format(bug), root);
      }
    }
  }

  /** Every {@code @PullbackOf} of the round, checked at the registration, called or not. */
  private void checkRegistrations(RoundEnvironment round) {
    TypeElement annotation =
        processingEnv.getElementUtils().getTypeElement(MethodReader.PULLBACK_ANNOTATION);
    if (annotation == null) {
      return;
    }
    MethodReader reader = trees.get().reader(e -> false);
    for (ExecutableElement pullback :
        ElementFilter.methodsIn(round.getElementsAnnotatedWith(annotation))) {
      PullbackRegistration registration =
          guarded(pullback, () -> reader.readRegistration(pullback));
      if (registration != null) {
        PullbackChecker.check(registration, reader.reporter());
      }
    }
  }

  private void processMethods(List<ExecutableElement> methods) {
    Set<Element> inThisRound = new HashSet<>(methods);
    MethodReader reader = trees.get().reader(inThisRound::contains);
    Reporter reporter = reader.reporter();

    // read and check each method, on its own; then the helpers they call, and theirs
    Map<ExecutableElement, Method> read = new LinkedHashMap<>();
    Set<String> failed = new HashSet<>();
    Set<ExecutableElement> annotated = new HashSet<>(methods);
    Set<String> quiet = new HashSet<>();
    List<ExecutableElement> pending = sourceOrder(methods);
    while (!pending.isEmpty()) {
      for (ExecutableElement element : pending) {
        readAndCheck(element, !annotated.contains(element), reader, read, failed, quiet);
      }
      pending = reader.helpersCalled().stream().filter(h -> !read.containsKey(h)).toList();
    }
    Set<String> copied = new HashSet<>();
    Set<String> copiesAlone = new HashSet<>();
    Set<ExecutableElement> copiesCalled = reader.copiesCalled();
    read.forEach((element, method) -> {
      if (copiesCalled.contains(element)) {
        copied.add(method.key()); // a private method of the class: its callers call a copy
      }
      if (!annotated.contains(element) && copyOnly(method)) {
        copiesAlone.add(method.key()); // one that carries no gradient: nothing else
      }
    });
    byClass(read.keySet()).forEach((type, elements) -> failed.addAll(SignatureClashes.check(
        elements.stream().map(read::get).filter(m -> !failed.contains(m.key())).toList(),
        m -> copied.contains(m.key()), m -> copiesAlone.contains(m.key()), reporter)));
    CallGraph graph = new CallGraph(new ArrayList<>(read.values()), this::generatedElsewhere);
    graph.spreadFailures(failed, quiet, reporter);

    // differentiate and print each method, on its own; a caller of one that failed fails too
    Map<ExecutableElement, GeneratedMethods> generated = new LinkedHashMap<>();
    read.forEach((element, method) -> {
      if (failed.contains(method.key())) {
        return;
      }
      TypeElement type = (TypeElement) element.getEnclosingElement();
      // a private helper's callers' gradient classes call a copy of it
      GeneratedMethods printed = guarded(element, () -> copiesAlone.contains(method.key())
          ? GradientClassWriter.copyOnly(Differentiator.differentiate(method.valueOnly()),
              GradientNames.packageName(type), type.getQualifiedName().toString())
          : GradientClassWriter.methods(
              Differentiator.differentiate(method), GradientNames.packageName(type),
              type.getQualifiedName().toString(),
              copied.contains(method.key())
                  ? Differentiator.differentiate(method.valueOnly()) : null));
      if (printed == null) {
        failed.add(method.key());
      } else {
        generated.put(element, printed);
      }
    });
    graph.spreadFailures(failed, quiet, reporter);

    // write one class per source class
    Map<String, TypeElement> gradientNames = new HashMap<>();
    byClass(generated.keySet()).forEach((type, elements) -> {
      List<GeneratedMethods> kept = elements.stream()
          .filter(e -> !failed.contains(read.get(e).key())).map(generated::get).toList();
      if (kept.isEmpty()) {
        return;
      }
      String name = GradientNames.qualifiedName(type);
      TypeElement first = gradientNames.putIfAbsent(name, type);
      if (first != null) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
            Message.GRADIENT_CLASS_TWICE.format(
                first.getQualifiedName(), type.getQualifiedName(), name),
            type);
      } else {
        write(type, kept);
      }
    });
  }

  /**
   * Whether {@code method} gets a copy alone: a helper that carries no gradient (a predicate, a
   * double from no double), which only calls reach, never a pullback.
   */
  private static boolean copyOnly(Method method) {
    return method.returnType() != Type.DOUBLE || method.parameters().stream()
        .noneMatch(p -> p.type() == Type.DOUBLE || p.type() == Type.DOUBLE_ARRAY);
  }

  /**
   * Reads {@code element} (a {@code helper} without the annotation, or not) into {@code read}
   * and checks it, adding it to {@code failed}, and to {@code quiet} if it failed without an
   * error of ours (on one javac reports).
   */
  private void readAndCheck(ExecutableElement element, boolean helper, MethodReader reader,
      Map<ExecutableElement, Method> read, Set<String> failed, Set<String> quiet) {
    Method method = guarded(element, () -> reader.read(element));
    if (method == null) {
      return;
    }
    read.put(element, method);
    int[] reported = {0};
    Reporter counted = (position, message) -> {
      reported[0]++;
      reader.reporter().error(position, message);
    };
    Boolean ok = guarded(element, () -> helper && copyOnly(method)
        ? MethodChecker.checkCopy(method, counted)
        : MethodChecker.check(method, counted) && ActivityCheck.check(method, counted));
    if (ok == null || !ok) {
      failed.add(method.key());
      if (ok != null && reported[0] == 0) {
        quiet.add(method.key());
      }
    }
  }

  /**
   * What {@code step} returns for the method {@code element}, or null after an internal error on
   * the method when it throws: a bug of ours costs that method only.
   */
  private <T> T guarded(ExecutableElement element, Supplier<T> step) {
    try {
      return step.get();
    } catch (RuntimeException | StackOverflowError bug) {
      processingEnv.getMessager().printMessage(
          Diagnostic.Kind.ERROR, Message.INTERNAL_ERROR.format(bug), element);
      return null;
    }
  }

  /** The methods grouped by their class, in order. */
  private static Map<TypeElement, List<ExecutableElement>> byClass(
      Iterable<ExecutableElement> methods) {
    Map<TypeElement, List<ExecutableElement>> byClass = new LinkedHashMap<>();
    for (ExecutableElement m : methods) {
      byClass.computeIfAbsent((TypeElement) m.getEnclosingElement(), k -> new ArrayList<>())
          .add(m);
    }
    return byClass;
  }

  /** Whether a gradient class from an earlier compilation is on the class path. */
  private boolean generatedElsewhere(String gradientClass) {
    return processingEnv.getElementUtils().getTypeElement(gradientClass) != null;
  }

  /** Methods grouped by class in the order they appear in the source: deterministic output. */
  private static List<ExecutableElement> sourceOrder(List<ExecutableElement> methods) {
    Map<Element, List<ExecutableElement>> byClass = new LinkedHashMap<>();
    for (ExecutableElement m : methods) {
      byClass.computeIfAbsent(m.getEnclosingElement(), k -> new ArrayList<>()).add(m);
    }
    List<ExecutableElement> ordered = new ArrayList<>();
    byClass.forEach((type, annotated) -> {
      for (Element member : type.getEnclosedElements()) {
        if (annotated.contains(member)) {
          ordered.add((ExecutableElement) member);
        }
      }
    });
    return ordered;
  }

  private void write(TypeElement type, List<GeneratedMethods> methods) {
    String qualified = GradientNames.qualifiedName(type);
    TypeElement existing = processingEnv.getElementUtils().getTypeElement(qualified);
    // A class file of that name is our own output from an earlier build: regenerate it.
    if (existing != null && trees.get().isInSources(existing)) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          Message.GRADIENT_CLASS_EXISTS.format(qualified, type.getSimpleName()), type);
      return;
    }
    GradientClass cls = new GradientClass(
        GradientNames.packageName(type),
        GradientNames.simpleName(type),
        type.getQualifiedName().toString(),
        type.getModifiers().contains(Modifier.PUBLIC) && isPublicNest(type),
        canReadGenerated(type),
        methods,
        shadowedJavaLang(GradientNames.packageName(type)),
        type);
    try {
      GradientClassWriter.write(cls, processingEnv.getFiler());
    } catch (IOException | RuntimeException e) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          Message.INTERNAL_ERROR.format("could not write " + cls.simpleName() + ": " + e), type);
    }
  }

  /**
   * The classes of {@code java.lang} generated code names that a class of the package shadows
   * (a {@code p.Math}): looked up by name, which loads nothing when there is none.
   */
  private Set<String> shadowedJavaLang(String packageName) {
    Set<String> shadowed = new HashSet<>();
    for (String name : GradientClass.JAVA_LANG) {
      String qualified = packageName.isEmpty() ? name : packageName + "." + name;
      if (processingEnv.getElementUtils().getTypeElement(qualified) != null) {
        shadowed.add(name);
      }
    }
    return shadowed;
  }

  private static boolean isPublicNest(TypeElement type) {
    for (Element e = type; e != null && e.getKind() != ElementKind.PACKAGE;
        e = e.getEnclosingElement()) {
      if ((e.getKind().isClass() || e.getKind().isInterface())
          && !e.getModifiers().contains(Modifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }

  /** {@code @Generated} lives in java.compiler, which a named module may not read. */
  private boolean canReadGenerated(TypeElement type) {
    if (processingEnv.getElementUtils().getTypeElement(GENERATED) == null) {
      return false;
    }
    ModuleElement module = processingEnv.getElementUtils().getModuleOf(type);
    if (module == null || module.isUnnamed()) {
      return true;
    }
    return reads(module, "java.compiler", true, new HashSet<>());
  }

  /**
   * Whether {@code module} reads {@code target}: requires it, or requires one that requires it
   * transitively.
   */
  private static boolean reads(
      ModuleElement module, String target, boolean direct, Set<String> seen) {
    if (!seen.add(module.getQualifiedName().toString() + direct)) {
      return false;
    }
    for (ModuleElement.RequiresDirective requires :
        ElementFilter.requiresIn(module.getDirectives())) {
      if (!direct && !requires.isTransitive()) {
        continue;
      }
      ModuleElement dependency = requires.getDependency();
      if (dependency.getQualifiedName().contentEquals(target)
          || reads(dependency, target, false, seen)) {
        return true;
      }
    }
    return false;
  }
}
