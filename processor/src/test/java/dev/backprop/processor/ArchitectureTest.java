package dev.backprop.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's import rules, as Dagger's build dependencies enforce them: data flows one way
 * (read, check, differentiate, emit; analysis serves check and differentiate), only read touches
 * the compiler's trees, only emit touches JavaPoet, and nothing uses javac internals. References
 * count whether imported or written out in full, and code names types by import, not in full.
 */
class ArchitectureTest {

  private static final Path MAIN = Paths.get("src/main/java/dev/backprop/processor");

  /** For each stage, the stages it may import (ir is shared by all). */
  private static final Map<String, List<String>> ALLOWED = Map.of(
      "ir", List.of(),
      "read", List.of("ir"),
      "analysis", List.of("ir"),
      "check", List.of("ir", "analysis"),
      "differentiate", List.of("ir", "analysis"),
      "emit", List.of("ir"));

  /** A qualified name written out in code: {@code java.util.List}, {@code dev.backprop.x.Y}. */
  private static final Pattern QUALIFIED =
      Pattern.compile("\\b(?:java|javax|com|org|dev)\\.[a-z]\\w*\\.");

  @Test
  void stagesImportOnlyTheStageBefore() throws IOException {
    List<String> violations = new ArrayList<>();
    for (var stage : ALLOWED.entrySet()) {
      for (Path file : sources(MAIN.resolve(stage.getKey()))) {
        for (String line : Files.readAllLines(file)) {
          if (line.startsWith("package")) {
            continue;
          }
          for (String other : ALLOWED.keySet()) {
            boolean importsOther = line.contains("dev.backprop.processor." + other + ".");
            if (importsOther && !other.equals(stage.getKey())
                && !stage.getValue().contains(other)) {
              violations.add(file.getFileName() + ": " + line);
            }
          }
        }
      }
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void codeNamesTypesByImportNotInFull() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path file : sources(MAIN)) {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        String code = codeOf(lines.get(i));
        if (!code.startsWith("import ") && !code.startsWith("package ")
            && QUALIFIED.matcher(code).find()) {
          violations.add(file.getFileName() + ":" + (i + 1) + ": " + lines.get(i).trim());
        }
      }
    }
    assertEquals(List.of(), violations);
  }

  /** A line without its comment and the contents of its string literals. */
  private static String codeOf(String line) {
    String trimmed = line.trim();
    if (trimmed.startsWith("*") || trimmed.startsWith("/*") || trimmed.startsWith("//")) {
      return "";
    }
    String withoutStrings = trimmed.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
    int comment = withoutStrings.indexOf("//");
    return comment < 0 ? withoutStrings : withoutStrings.substring(0, comment);
  }

  @Test
  void onlyReadUsesTheTreeApiAndOnlyEmitUsesJavaPoet() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path file : sources(MAIN)) {
      String text = Files.readAllLines(file).stream()
          .filter(l -> l.startsWith("import")).collect(Collectors.joining("\n"));
      String stage = MAIN.relativize(file).getName(0).toString();
      if (text.contains("com.sun.source") && !stage.equals("read")) {
        violations.add(file + " uses com.sun.source");
      }
      if (text.contains("com.palantir.javapoet") && !stage.equals("emit")) {
        violations.add(file + " uses JavaPoet");
      }
      if (text.contains("com.sun.tools" + ".javac")) {
        violations.add(file + " uses javac internals");
      }
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void everyPublicTypeHasJavadoc() throws IOException {
    List<String> missing = new ArrayList<>();
    for (Path file : sources(MAIN)) {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.matches("(public )?(final )?(sealed )?(class|interface|enum|record) .*")
            || line.matches("public .*(class|interface|enum|record) .*")) {
          String before = String.join("\n", lines.subList(Math.max(0, i - 12), i));
          if (!before.contains("*/")) {
            missing.add(file.getFileName().toString());
          }
        }
      }
    }
    assertEquals(List.of(), missing);
  }

  private static List<Path> sources(Path root) throws IOException {
    assertTrue(Files.isDirectory(root), root + " is not a directory");
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().collect(Collectors.toList());
    }
  }
}
