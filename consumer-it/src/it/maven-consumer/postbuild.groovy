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
