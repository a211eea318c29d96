// The generated source is where the README says, and the user's tests ran green.
File generated = new File(basedir, "target/generated-sources/annotations/com/example/LossGrad.java")
assert generated.isFile() : "no generated LossGrad.java"
String text = generated.text
assert text.contains("public static double hinge(") && text.contains("hingePullback(")
assert text.contains("@Generated(\"dev.backprop.processor.DifferentiableProcessor\")")
File log = new File(basedir, "build.log")
assert log.text.contains("Tests run: 1, Failures: 0, Errors: 0")
assert !log.text.contains("[WARNING] COMPILATION WARNING")

// The processor jar a user gets registers it for javac and, as isolating, for Gradle.
def jars = new File(localRepositoryPath, "dev/backprop/backprop-processor").listFiles()
    .collectMany { it.listFiles().findAll { f -> f.name ==~ /backprop-processor-.*\.jar/ } }
assert !jars.isEmpty() : "no processor jar staged"
def jar = new java.util.jar.JarFile(jars[0])
assert jar.getInputStream(jar.getJarEntry("META-INF/gradle/incremental.annotation.processors")).text.trim() ==
    "dev.backprop.processor.DifferentiableProcessor,isolating"
assert jar.getInputStream(jar.getJarEntry("META-INF/services/javax.annotation.processing.Processor")).text
    .contains("dev.backprop.processor.DifferentiableProcessor")

// The published modules ship sources and Javadoc beside their jars, which IDEs show, and name
// their module for the module path.
File root = new File(basedir, "../../../..").canonicalFile
["runtime": "dev.backprop", "processor": "dev.backprop.processor"].each { module, name ->
  File target = new File(root, module + "/target")
  String base = "backprop-" + module + "-" + projectVersion
  ["", "-sources", "-javadoc"].each { kind ->
    assert new File(target, base + kind + ".jar").isFile() : "no " + base + kind + ".jar"
  }
  def main = new java.util.jar.JarFile(new File(target, base + ".jar"))
  assert main.manifest.mainAttributes.getValue("Automatic-Module-Name") == name
}
def javadoc = new java.util.jar.JarFile(new File(root, "runtime/target/backprop-runtime-" + projectVersion + "-javadoc.jar"))
assert javadoc.entries().toList().any { it.name.endsWith("dev/backprop/Differentiable.html") }
