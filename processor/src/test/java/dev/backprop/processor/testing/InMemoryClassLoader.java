package dev.backprop.processor.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;

/** Loads classes from an in-memory compilation's class output. */
public final class InMemoryClassLoader extends ClassLoader {
  private final Map<String, byte[]> classes = new HashMap<>();

  /** @param files a compilation's generated files; its class files are loaded from here */
  public InMemoryClassLoader(List<JavaFileObject> files) {
    super(InMemoryClassLoader.class.getClassLoader());
    for (JavaFileObject file : files) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        String path = file.toUri().getPath();
        String name = path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length(),
            path.length() - ".class".length()).replace('/', '.');
        classes.put(name, read(file));
      }
    }
  }

  private static byte[] read(JavaFileObject file) {
    try (InputStream in = file.openInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = classes.get(name);
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, bytes, 0, bytes.length);
  }
}
