package dev.backprop.processor.environment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.element.QualifiedNameable;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;

/**
 * A {@link Filer} that records, like Gradle's incremental filer, which originating elements
 * each generated file names, then lets javac's filer do the work.
 */
final class RecordingFiler implements Filer {

  private final Filer delegate;
  private final Map<String, List<String>> sourceFiles = new LinkedHashMap<>();
  private final List<String> otherFiles = new ArrayList<>();

  RecordingFiler(Filer delegate) {
    this.delegate = delegate;
  }

  /** Each generated source file's name, with its originating elements as "KIND name". */
  Map<String, List<String>> sourceFiles() {
    return Collections.unmodifiableMap(sourceFiles);
  }

  /** Class files and resources created (a description of each). */
  List<String> otherFiles() {
    return Collections.unmodifiableList(otherFiles);
  }

  @Override
  public JavaFileObject createSourceFile(CharSequence name, Element... originatingElements)
      throws IOException {
    sourceFiles.put(name.toString(), describe(originatingElements));
    return delegate.createSourceFile(name, originatingElements);
  }

  @Override
  public JavaFileObject createClassFile(CharSequence name, Element... originatingElements)
      throws IOException {
    otherFiles.add("class " + name);
    return delegate.createClassFile(name, originatingElements);
  }

  @Override
  public FileObject createResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
      CharSequence relativeName, Element... originatingElements) throws IOException {
    otherFiles.add("resource " + moduleAndPkg + "/" + relativeName);
    return delegate.createResource(location, moduleAndPkg, relativeName, originatingElements);
  }

  @Override
  public FileObject getResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
      CharSequence relativeName) throws IOException {
    return delegate.getResource(location, moduleAndPkg, relativeName);
  }

  private static List<String> describe(Element... elements) {
    return Arrays.stream(elements)
        .map(e -> e.getKind() + " " + (e instanceof QualifiedNameable
            ? ((QualifiedNameable) e).getQualifiedName()
            : e.getSimpleName()))
        .collect(Collectors.toList());
  }
}
