// The generated source is where the README says, and the user's tests ran green.
File generated = new File(basedir, "target/generated-sources/annotations/com/example/LossGrad.java")
assert generated.isFile() : "no generated LossGrad.java"
String text = generated.text
assert text.contains("public static double hinge(") && text.contains("hingePullback(")
assert text.contains("@Generated(\"dev.backprop.processor.DifferentiableProcessor\")")
File log = new File(basedir, "build.log")
assert log.text.contains("Tests run: 1, Failures: 0, Errors: 0")
assert !log.text.contains("[WARNING] COMPILATION WARNING")
