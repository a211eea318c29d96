package dev.backprop.processor.environment;

import static com.google.common.truth.Truth.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * The README's Maven set-up is the one the consumer test builds with ({@code consumer-it}, a
 * separate project compiled against the installed artifacts): every element of the README's
 * snippets is in the consumer's pom, with the same value, so a green consumer build proves the
 * snippet as a user copies it.
 */
class ReadmeSetupTest {

  private static final Path README = Path.of("../README.md");
  private static final Path CONSUMER = Path.of("../consumer-it/src/it/maven-consumer/pom.xml");

  @Test
  void theConsumerIsSetUpAsTheReadmeSays() throws Exception {
    List<String> snippets = xmlSnippets(Files.readString(README, StandardCharsets.UTF_8));
    assertThat(snippets.size()).isAtLeast(2);
    String[] parts = snippets.get(0).split("\n\\.\\.\\.\n");
    assertThat(parts).hasLength(2);
    String version = text(parse(parts[0]), "version");
    String consumer = Files.readString(CONSUMER, StandardCharsets.UTF_8)
        .replace("@project.version@", version);
    List<String> have = leaves(parse(consumer), "");

    List<String> dependency = leaves(parse(parts[0]), "");
    assertThat(have.stream().filter(l -> l.startsWith("project/dependencies/dependency/"))
        .map(l -> l.substring("project/dependencies/".length())).toList())
        .containsAtLeastElementsIn(dependency);

    List<String> plugin = leaves(parse(parts[1]), "");
    List<String> plugins = have.stream().filter(l -> l.startsWith("project/build/plugins/plugin/"))
        .map(l -> l.substring("project/build/plugins/".length())).toList();
    assertThat(plugins).containsAtLeastElementsIn(plugin);

    // the -Werror snippet: the test compile runs no processor
    List<String> testCompile = leaves(parse(snippets.get(1)), "");
    assertThat(plugins.stream().filter(l -> l.startsWith("plugin/executions/"))
        .map(l -> l.substring("plugin/".length())).toList())
        .containsAtLeastElementsIn(testCompile);
  }

  /** The ```xml blocks of a markdown text. */
  private static List<String> xmlSnippets(String markdown) {
    List<String> out = new ArrayList<>();
    int at = 0;
    while ((at = markdown.indexOf("```xml\n", at)) >= 0) {
      int end = markdown.indexOf("```", at + 7);
      out.add(markdown.substring(at + 7, end).strip());
      at = end + 3;
    }
    return out;
  }

  private static Element parse(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new InputSource(new StringReader(xml))).getDocumentElement();
  }

  private static String text(Element root, String child) {
    return root.getElementsByTagName(child).item(0).getTextContent().strip();
  }

  /** Every leaf element as {@code path/of/tags=value}, from {@code e} down. */
  private static List<String> leaves(Element e, String prefix) {
    String path = prefix.isEmpty() ? e.getTagName() : prefix + "/" + e.getTagName();
    List<String> out = new ArrayList<>();
    boolean leaf = true;
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child) {
        leaf = false;
        out.addAll(leaves(child, path));
      }
    }
    if (leaf) {
      out.add(path + "=" + e.getTextContent().strip());
    }
    return out;
  }
}
