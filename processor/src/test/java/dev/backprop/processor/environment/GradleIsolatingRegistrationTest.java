package dev.backprop.processor.environment;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static dev.backprop.processor.environment.Fixtures.assertCleanSuccess;
import static dev.backprop.processor.environment.Fixtures.circuits;
import static dev.backprop.processor.environment.Fixtures.compile;
import static dev.backprop.processor.environment.Fixtures.source;

import com.google.testing.compile.Compilation;
import dev.backprop.processor.DifferentiableProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Gradle runs the processor incrementally because it is registered as isolating; that
 * registration is only honest if every generated file names exactly one originating element,
 * the source class it depends on.
 */
class GradleIsolatingRegistrationTest {

  private static final String GRADLE_REGISTRATION =
      "META-INF/gradle/incremental.annotation.processors";
  private static final String SERVICES = "META-INF/services/javax.annotation.processing.Processor";
  private static final String PROCESSOR = "dev.backprop.processor.DifferentiableProcessor";

  /** Non-blank, non-comment lines of a resource that sits next to the processor's class. */
  private static List<String> processorResourceLines(String name) throws IOException {
    String location = DifferentiableProcessor.class.getProtectionDomain().getCodeSource()
        .getLocation().toString();
    List<String> lines = null;
    for (URL url : Collections.list(
        DifferentiableProcessor.class.getClassLoader().getResources(name))) {
      if (url.toString().contains(location.replaceFirst("^file:", ""))) {
        try (InputStream in = url.openStream()) {
          lines = lines(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
    assertWithMessage("%s next to %s", name, location).that(lines).isNotNull();
    return lines;
  }

  private static List<String> lines(String text) {
    return Arrays.stream(text.split("\r?\n"))
        .map(line -> line.replaceFirst("#.*", "").trim())
        .filter(line -> !line.isEmpty())
        .collect(Collectors.toList());
  }

  @Test
  void registeredAsIsolating() throws IOException {
    assertThat(processorResourceLines(GRADLE_REGISTRATION))
        .containsExactly(PROCESSOR + ",isolating");
  }

  @Test
  void registeredAsService() throws IOException {
    assertThat(processorResourceLines(SERVICES)).contains(PROCESSOR);
    List<Class<?>> found = new ArrayList<>();
    for (ServiceLoader.Provider<Processor> provider : ServiceLoader.load(
        Processor.class, DifferentiableProcessor.class.getClassLoader()).stream()
        .collect(Collectors.toList())) {
      found.add(provider.type());
    }
    assertThat(found).contains(DifferentiableProcessor.class);
  }

  /** Compiles through a Gradle-shaped environment whose filer records originating elements. */
  private static RecordingFiler compileRecording(JavaFileObject... sources) {
    List<RecordingFiler> filers = new ArrayList<>();
    Compilation compilation = compile(new WrappingProcessor(new DifferentiableProcessor(), env -> {
      RecordingFiler filer = new RecordingFiler(env.getFiler());
      filers.add(filer);
      return new GradleStyleEnvironment(env, filer);
    }), sources);
    assertCleanSuccess(compilation);
    assertThat(filers).hasSize(1);
    return filers.get(0);
  }

  @Test
  void generatedClassHasItsSourceClassAsOnlyOriginatingElement() {
    RecordingFiler filer = compileRecording(circuits());

    assertThat(filer.sourceFiles())
        .containsExactly("p.CircuitsGrad", List.of("CLASS p.Circuits"));
    assertThat(filer.otherFiles()).isEmpty();
  }

  @Test
  void eachGeneratedClassDependsOnlyOnItsOwnSourceClass() {
    // Caller's gradient calls Callee's pullback, yet it originates from Caller alone; nested
    // classes originate from the nested class.
    RecordingFiler filer = compileRecording(
        source("p.Callee", """
            package p;

            import dev.backprop.Differentiable;

            final class Callee {
              private Callee() {}

              @Differentiable static double square(double x) { return x * x; }
            }
            """),
        source("p.Caller", """
            package p;

            import dev.backprop.Differentiable;

            final class Caller {
              private Caller() {}

              @Differentiable static double f(double x, double y) {
                return Callee.square(x) * y;
              }

              static final class Inner {
                private Inner() {}

                @Differentiable static double g(double x) { return Callee.square(x) + x; }
              }
            }
            """));

    Map<String, List<String>> files = filer.sourceFiles();
    assertThat(files).containsExactly(
        "p.CalleeGrad", List.of("CLASS p.Callee"),
        "p.CallerGrad", List.of("CLASS p.Caller"),
        "p.Caller_InnerGrad", List.of("CLASS p.Caller.Inner"));
    assertThat(filer.otherFiles()).isEmpty();
  }
}
